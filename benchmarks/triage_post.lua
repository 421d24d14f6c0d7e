-- wrk script: POST a valid triage answer set with a CSRF cookie and its token.
-- benchmarks/run.py fetches the form once, then passes the cookie and the
-- form body in the environment (a CSRF token stays valid with its cookie).
wrk.method = "POST"
wrk.body = os.getenv("TRIAGE_BODY")
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = os.getenv("TRIAGE_COOKIE")

