return {redis.call('ZCARD', LINE), redis.call('ZCOUNT', ACTIVE, '(' .. ARGV[1], '+inf')}
