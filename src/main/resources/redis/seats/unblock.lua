-- ARGV: 3 positions (csv) of sellable seats.
if not loaded() then return {-1} end
for _, pos in ipairs(split(ARGV[3])) do
  if status(pos) == '3' then set(pos, '0') end
end
publish()
return {1}
