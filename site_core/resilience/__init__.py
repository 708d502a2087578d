"""Keep serving readers when a shared service fails, and recover by itself when it returns.

- `cache.FailSoftRedisCache`: with Redis unreachable, cache reads miss and writes are dropped
  (pages render uncached) instead of raising; a short circuit breaker keeps a dead Redis from
  costing a socket timeout on every call.
- `outage.server_error` (the 500 handler): an unreachable database gives readers a translated
  503 page with `Retry-After`, rendered without the database or the cache.
- `postgresql` (the production settings' database backend): no wait for PostgreSQL's answer
  outlasts `DATABASE_ANSWER_TIMEOUT` in web requests, so a frozen server gives the 503 page
  within seconds instead of holding every worker.
- `breaker.CircuitBreaker`: the per-process breaker both use to skip a server that stopped
  answering for a few seconds.

See docs/production.md, "Failure behaviour"."""
