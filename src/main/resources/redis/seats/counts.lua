-- {1, seq, available, held, sold, blocked, earliest expiry}, expired holds purged first | {-1} not loaded. The earliest
-- expiry (epoch ms, -1 when no hold is live) of the event's holds: the counts cannot change by expiry before it.
if not loaded() then return {-1} end
purge()
local seq = publish()
local n = redis.call('HMGET', META, 'n0', 'n1', 'n2', 'n3')
if not n[1] then
  -- an event loaded before seats were counted: count once, then the counts follow every change
  local states = redis.call('GET', SEATS)
  for code = 0, 3 do
    local _, count = string.gsub(states, tostring(code), '')
    n[code + 1] = count
    redis.call('HSET', META, 'n' .. code, count)
  end
end
local earliest = redis.call('ZRANGE', EXPIRY, 0, 0, 'WITHSCORES')[2]
return {1, seq, tonumber(n[1]), tonumber(n[2]), tonumber(n[3]), tonumber(n[4]), earliest and tonumber(earliest) or -1}
