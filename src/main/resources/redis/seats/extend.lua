-- ARGV: 3 holdId, 4 new expiresAt. {1, hold json} | {0} gone | {-1} not loaded
if not loaded() then return {-1} end
purge()
local raw = redis.call('HGET', HOLDS, ARGV[3])
if not raw then
  publish()
  return {0}
end
local hold = cjson.decode(raw)
hold.e = ARGV[4]
raw = cjson.encode(hold)
redis.call('HSET', HOLDS, ARGV[3], raw)
redis.call('ZADD', EXPIRY, ARGV[4], ARGV[3])
publish()
return {1, raw}
