-- Which server holds the event's keys, and which one its state was built on (see load.lua).
-- returns {1, run id of this server, run id the state was built on or ''}
return {1, run_id(), redis.call('HGET', META, 'server') or ''}
