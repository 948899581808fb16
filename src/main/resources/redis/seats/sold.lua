-- ARGV: 3 holdId, 4 userId, 5 positions (csv). The database has accepted the sale; Redis follows.
if not loaded() then return {-1} end
redis.call('HDEL', HOLDS, ARGV[3])
redis.call('ZREM', EXPIRY, ARGV[3])
for _, pos in ipairs(split(ARGV[5])) do
  local st = status(pos)
  local owner = redis.call('HGET', OWNERS, pos)
  if not (st == '2' and owner == ARGV[4]) then
    if st == '1' and owner then redis.call('HINCRBY', USERS, owner, -1) end
    set(pos, '2')
    redis.call('HSET', OWNERS, pos, ARGV[4])
    redis.call('HINCRBY', USERS, ARGV[4], 1)
  end
end
publish()
return {1}
