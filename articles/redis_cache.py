"""Django's Redis cache backend, reusing one redis-py client per process.

Django's backend builds a new `redis.Redis` object for every cache call
(`RedisCacheClient.get_client`). With redis-py 8 that costs about as much CPU
as serving a whole stored page, because each new client sets up its table of
response callbacks. The connection pools were already shared; this shares the
client built on each pool as well. redis-py clients are thread-safe and check
the process id of their pool, so this is safe under gunicorn's workers and
threads.
"""

from django.core.cache.backends import redis as django_redis


class ReusedClientRedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
