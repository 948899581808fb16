-- Purges expired holds and hands their records to the caller exactly once: {1, hold json...} | {-1}
if not loaded() then return {-1} end
purge()
publish()
local out = {1}
for _, raw in ipairs(redis.call('LRANGE', EXPIRED, 0, -1)) do out[#out + 1] = raw end
redis.call('DEL', EXPIRED)
return out
