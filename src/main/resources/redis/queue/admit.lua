-- ARGV: 3 admissions per minute, 4 max active, 5 admission length (ms). Returns {admitted users, lapsed users}.
local lapsed = redis.call('ZRANGEBYSCORE', ACTIVE, '-inf', NOW)
if #lapsed > 0 then redis.call('ZREMRANGEBYSCORE', ACTIVE, '-inf', NOW) end
if NOW < ONSALE then return {{}, lapsed} end
sealIfOpen()
local perMinute = tonumber(ARGV[3])
local last = tonumber(redis.call('HGET', META, 'last') or '0')
if last < ONSALE then last = ONSALE end
local credit = tonumber(redis.call('HGET', META, 'credit') or '0') + (NOW - last) * perMinute / 60000
-- at most one second of unused budget carries over, so an idle queue does not admit a burst later
local cap = perMinute / 60
if cap < 1 then cap = 1 end
if credit > cap then credit = cap end
local places = math.floor(credit)
local free = tonumber(ARGV[4]) - redis.call('ZCARD', ACTIVE)
if free < places then places = free end
local admitted = {}
if places > 0 then
  local before = tonumber(redis.call('HGET', META, 'admitted') or '0')
  local popped = redis.call('ZPOPMIN', LINE, places)
  for i = 1, #popped, 2 do
    admitted[#admitted + 1] = popped[i]
    redis.call('ZADD', ACTIVE, NOW + tonumber(ARGV[5]), popped[i])
    redis.call('HSETNX', FIRST, popped[i], (before + #admitted) .. ',' .. ARGV[1])
  end
end
credit = credit - #admitted
redis.call('HSET', META, 'last', ARGV[1], 'credit', string.format('%.6f', credit))
if #admitted > 0 then
  redis.call('HINCRBY', META, 'admitted', #admitted)
  redis.call('HINCRBY', ADMITS, tostring(math.floor(NOW / 1000)), #admitted)
end
return {admitted, lapsed}
