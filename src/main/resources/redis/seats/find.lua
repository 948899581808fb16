-- ARGV: 3 holdId. {1, hold json} while the hold lives | {0} | {-1} not loaded
if not loaded() then return {-1} end
local raw = redis.call('HGET', HOLDS, ARGV[3])
if raw and tonumber(cjson.decode(raw).e) > NOW then return {1, raw} end
return {0}
