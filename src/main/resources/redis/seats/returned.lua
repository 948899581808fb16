-- ARGV: 3 userId, 4 positions (csv). Sold seats of a cancelled order are for sale again.
if not loaded() then return {-1} end
for _, pos in ipairs(split(ARGV[4])) do
  if status(pos) == '2' and redis.call('HGET', OWNERS, pos) == ARGV[3] then
    set(pos, '0')
    redis.call('HDEL', OWNERS, pos)
    redis.call('HINCRBY', USERS, ARGV[3], -1)
  end
end
publish()
return {1}
