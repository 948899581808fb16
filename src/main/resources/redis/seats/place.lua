-- ARGV: 3 holdId, 4 userId, 5 user limit, 6 createdAt, 7 expiresAt, 8 maxExpiresAt, 9 positions (csv)
-- All or nothing: {1, fence, seq} | {0, earliest expiry, unavailable positions...} | {2, seats already held or bought}
-- | {-1} not loaded. The earliest expiry (epoch ms, -1 when no hold is live) of any hold of the event: no unavailable
-- seat can become free by expiry before it, so the node may repeat the refusal until then (see RecentRefusals).
-- Most attempts in an on-sale fail, so the failure path is kept to the fewest commands: the seat states answer
-- whether the event is loaded at all (a missing key reads as ''), and nothing is published unless something changed.
local positions = split(ARGV[9])
if status(positions[1]) == '' then return {-1} end
purge()
local unavailable = {0}
for _, pos in ipairs(positions) do
  if status(pos) ~= '0' then unavailable[#unavailable + 1] = pos end
end
if #unavailable > 1 then
  if #changes > 0 then publish() end
  local earliest = redis.call('ZRANGE', EXPIRY, 0, 0, 'WITHSCORES')[2]
  table.insert(unavailable, 2, earliest and tonumber(earliest) or -1)
  return unavailable
end
local have = tonumber(redis.call('HGET', USERS, ARGV[4]) or '0')
if have + #positions > tonumber(ARGV[5]) then
  if #changes > 0 then publish() end
  return {2, have}
end
local fence = redis.call('HINCRBY', META, 'fence', 1)
for _, pos in ipairs(positions) do
  set(pos, '1')
  redis.call('HSET', OWNERS, pos, ARGV[4])
end
redis.call('HINCRBY', USERS, ARGV[4], #positions)
redis.call('HSET', HOLDS, ARGV[3], cjson.encode({i = ARGV[3], u = ARGV[4], f = fence, c = ARGV[6], e = ARGV[7], m = ARGV[8], p = positions}))
redis.call('ZADD', EXPIRY, ARGV[7], ARGV[3])
return {1, fence, publish()}
