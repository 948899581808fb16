-- Rebuilds an event from the database's record, unless another node already did.
-- ARGV: 3 seat states, 4 seq floor, 5 fence floor, 6 holds (json array), 7 sold seats (json array of [pos, user]),
--       8..11 how many seats are available, held, sold and blocked in those states
-- The state records the run id of the server it was built on: found later on another one, it is rebuilt.
if loaded() and redis.call('EXISTS', SEATS) == 1 then return {0} end
redis.call('DEL', SEATS, HOLDS, EXPIRY, OWNERS, USERS, EXPIRED)
-- Counters only grow. Values are stored as the strings given: Lua would print large numbers in exponent form.
if tonumber(ARGV[5]) > tonumber(redis.call('HGET', META, 'fence') or '0') then redis.call('HSET', META, 'fence', ARGV[5]) end
if tonumber(ARGV[4]) > tonumber(redis.call('HGET', META, 'seq') or '0') then redis.call('HSET', META, 'seq', ARGV[4]) end
for _, hold in ipairs(cjson.decode(ARGV[6])) do
  redis.call('HSET', HOLDS, hold.i, cjson.encode(hold))
  redis.call('ZADD', EXPIRY, hold.e, hold.i)
  for _, pos in ipairs(hold.p) do redis.call('HSET', OWNERS, pos, hold.u) end
  redis.call('HINCRBY', USERS, hold.u, #hold.p)
end
for _, pair in ipairs(cjson.decode(ARGV[7])) do
  redis.call('HSET', OWNERS, pair[1], pair[2])
  redis.call('HINCRBY', USERS, pair[2], 1)
end
-- the seat states last, next to the marker: place.lua takes their presence as "loaded", so an error part-way
-- through this script leaves the event unloaded (and rebuilt on next use) rather than half-built
redis.call('SET', SEATS, ARGV[3])
redis.call('HSET', META, 'loaded', '1', 'server', run_id(), 'n0', ARGV[8], 'n1', ARGV[9], 'n2', ARGV[10], 'n3', ARGV[11])
-- seat maps that follow this event must start over: a new seq, and a reset message ("!") to every node
local seq = redis.call('HINCRBY', META, 'seq', 1)
redis.call('PUBLISH', 'boxoffice:seat-changes', EVENT .. '|' .. string.format('%d', seq) .. '|!')
return {1}
