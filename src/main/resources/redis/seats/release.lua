-- ARGV: 3 holdId. {1} released | {0} already gone | {-1} not loaded
if not loaded() then return {-1} end
purge()
local raw = redis.call('HGET', HOLDS, ARGV[3])
if not raw then
  publish()
  return {0}
end
free(cjson.decode(raw))
redis.call('HDEL', HOLDS, ARGV[3])
redis.call('ZREM', EXPIRY, ARGV[3])
publish()
return {1}
