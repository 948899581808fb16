-- Shared by every seat script. All keys of one event share the hash tag {ev:ID}, so each script runs on one
-- shard of a Redis Cluster. Seat states are one character per seat position: 0 available, 1 held, 2 sold,
-- 3 blocked. A hold is gone once its expiry (epoch ms) is not after NOW, for every script, purged or not.
local SEATS, HOLDS, EXPIRY, OWNERS, USERS, META, EXPIRED = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7]
local EVENT, NOW = ARGV[1], tonumber(ARGV[2])
local changes = {}

-- the run id of the server running the script: another one after every restart and on a promoted replica
local function run_id()
  return string.match(redis.call('INFO', 'server'), 'run_id:(%w+)')
end

local function loaded()
  return redis.call('HGET', META, 'loaded') == '1'
end

local function status(pos)
  return redis.call('GETRANGE', SEATS, pos, pos)
end

-- the count of seats per status (n0..n3 in META) follows every change, so that counting needs no scan
local function set(pos, st)
  local was = status(pos)
  if was ~= st then
    redis.call('SETRANGE', SEATS, pos, st)
    redis.call('HINCRBY', META, 'n' .. was, -1)
    redis.call('HINCRBY', META, 'n' .. st, 1)
    changes[#changes + 1] = pos .. ':' .. st
  end
end

local function split(csv)
  local out = {}
  for p in string.gmatch(csv, '[^,]+') do
    out[#out + 1] = tonumber(p)
  end
  return out
end

local function free(hold)
  for _, pos in ipairs(hold.p) do
    if status(pos) == '1' and redis.call('HGET', OWNERS, pos) == hold.u then
      set(pos, '0')
      redis.call('HDEL', OWNERS, pos)
      redis.call('HINCRBY', USERS, hold.u, -1)
    end
  end
end

local function purge()
  local due = redis.call('ZRANGEBYSCORE', EXPIRY, '-inf', NOW)
  for _, id in ipairs(due) do
    redis.call('ZREM', EXPIRY, id)
    local raw = redis.call('HGET', HOLDS, id)
    if raw then
      local hold = cjson.decode(raw)
      if tonumber(hold.e) <= NOW then
        free(hold)
        redis.call('HDEL', HOLDS, id)
        redis.call('RPUSH', EXPIRED, raw)
      end
    end
  end
end

-- Counts every changed seat into the event's seq and tells every node which seats changed.
local function publish()
  if #changes > 0 then
    local seq = redis.call('HINCRBY', META, 'seq', #changes)
    -- %d, not tostring: Lua prints numbers above 1e14 in exponent form
    redis.call('PUBLISH', 'boxoffice:seat-changes', EVENT .. '|' .. string.format('%d', seq) .. '|' .. table.concat(changes, ','))
    return seq
  end
  return tonumber(redis.call('HGET', META, 'seq') or '0')
end
