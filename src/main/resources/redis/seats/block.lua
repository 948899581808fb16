-- ARGV: 3 positions (csv). {1} blocked | {0, held or sold positions...} nothing blocked | {-1} not loaded
if not loaded() then return {-1} end
purge()
local positions = split(ARGV[3])
local refused = {0}
for _, pos in ipairs(positions) do
  local st = status(pos)
  if st == '1' or st == '2' then refused[#refused + 1] = pos end
end
if #refused == 1 then
  for _, pos in ipairs(positions) do set(pos, '3') end
  publish()
  return {1}
end
publish()
return refused
