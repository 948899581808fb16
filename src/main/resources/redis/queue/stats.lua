return {redis.call('ZCARD', LINE), redis.call('ZCOUNT', ACTIVE, '(' .. ARGV[1], '+inf'), tonumber(redis.call('HGET', META, 'admitted') or '0')}
