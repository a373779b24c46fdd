"""Football Prediction API stand-in for the touchline staging stack.

Started by `scripts/stack` as
    $VENV/bin/python -m uvicorn app:app --app-dir $STACK_DIR/api/current ...
from a release folder ($STACK_DIR/api/releases/<version>/) holding a copy of
this file and a VERSION file.

Environment (set by scripts/stack):
    STACK_PG_HOST/STACK_PG_PORT, STAGING_DB_USER, STAGING_DB_NAME, STAGING_DB_PASSWORD
    STACK_REDIS_HOST/STACK_REDIS_PORT, STAGING_REDIS_PASSWORD (optional)
    STACK_API_PIDFILE   the server writes os.getpid() there at startup
    STACK_FAULT_FILE    fault-injection JSON (default: <api dir>/fault.json)
    STACK_API_TRAFFIC_PORT  when set (the plain-HTTP instance only), the server sends itself a steady
                        trickle of user-like requests (2 a second) so that its request metrics move
                        under the faults even when nobody else calls it

Besides its HTTP metrics the stand-in exports the platform's own metric names, fed by a simulated
data-collection job (one run a second, reading the database): football_data_collection_total,
football_data_collection_errors_total{reason}, football_data_collection_duration_seconds,
football_database_query_duration_seconds{operation}, football_database_connections,
football_table_row_count{table} and football_predictions_total{model_version}. A collection run
waits out the latency fault (at most 5 s), fails while the status fault is 5xx (reason "upstream")
and while the database does not answer (reason "database").

Requests carrying the header `X-Stack-Internal: 1` (the stack script's own
probes) bypass fault injection.
"""

from __future__ import annotations

import asyncio
import json
import math
import os
import socket
import time
from contextlib import asynccontextmanager
from datetime import datetime, timezone
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path
from typing import Any, Optional

import psycopg
import redis.asyncio as aioredis
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response, StreamingResponse
from prometheus_client import CONTENT_TYPE_LATEST, Counter, Gauge, Histogram, generate_latest
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

HERE = Path(__file__).resolve().parent
try:
    VERSION = (HERE / "VERSION").read_text().strip() or "dev"
except OSError:
    VERSION = "dev"
MODEL_VERSION = VERSION
STARTED = time.time()
STARTED_MONO = time.monotonic()

DB_TIMEOUT = 1.0      # seconds: connect + SELECT 1 for /health
REDIS_TIMEOUT = 0.5   # seconds: PING for /health

DB_CONNINFO = dict(
    host=os.environ.get("STACK_PG_HOST", "127.0.0.1"),
    port=int(os.environ.get("STACK_PG_PORT", "5433")),
    user=os.environ.get("STAGING_DB_USER", "football_staging_user"),
    dbname=os.environ.get("STAGING_DB_NAME", "football_prediction_staging"),
    password=os.environ.get("STAGING_DB_PASSWORD", "staging_pass"),
    connect_timeout=2,
    application_name=f"football-prediction-api/{VERSION}",
    options="-c statement_timeout=2000",
)
REDIS_HOST = os.environ.get("STACK_REDIS_HOST", "127.0.0.1")
REDIS_PORT = int(os.environ.get("STACK_REDIS_PORT", "6380"))
REDIS_PASSWORD = os.environ.get("STAGING_REDIS_PASSWORD") or None

if os.environ.get("STACK_API_PIDFILE"):
    # started by scripts/stack: leave its process group so the server outlives the caller's
    try:
        os.setsid()
    except OSError:
        pass

FAULT_FILE = Path(os.environ.get("STACK_FAULT_FILE") or (HERE.parent.parent / "fault.json"))
PID_FILE = os.environ.get("STACK_API_PIDFILE")

# --------------------------------------------------------------------------- metrics

KNOWN_PATHS = {
    "/health", "/health/liveness", "/health/readiness", "/api/v1/status",
    "/api/v1/predictions/match", "/metrics",
}
REQUESTS = Counter("http_requests_total", "HTTP requests", ["method", "path", "status"])
LATENCY = Histogram(
    "http_request_duration_seconds", "HTTP request latency", ["method", "path"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
PREDICTIONS = Counter("predictions_created_total", "Predictions created", ["model_version"])
# The platform's own metric names (its staging dashboard and alert rules query these).
COLLECTIONS = Counter("football_data_collection_total", "Data-collection runs, successful or not")
COLLECTION_ERRORS = Counter("football_data_collection_errors_total", "Data-collection runs that failed", ["reason"])
COLLECTION_DURATION = Histogram(
    "football_data_collection_duration_seconds", "Data-collection run duration",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
DB_QUERY_DURATION = Histogram(
    "football_database_query_duration_seconds", "Database round trips of the API, by operation", ["operation"],
    buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5),
)
DB_CONNECTIONS = Gauge("football_database_connections", "Sessions on the API's database (pg_stat_activity)")
TABLE_ROWS = Gauge("football_table_row_count", "Rows per table, counted by the data-collection job", ["table"])
FOOTBALL_PREDICTIONS = Counter("football_predictions_total", "Predictions served", ["model_version"])
for _reason in ("database", "upstream"):
    COLLECTION_ERRORS.labels(reason=_reason)
FOOTBALL_PREDICTIONS.labels(model_version=VERSION)
INFO = Gauge("app_info", "Application info", ["version"])
INFO.labels(version=VERSION).set(1)

# --------------------------------------------------------------------------- faults


class FaultState:
    """fault.json, re-read only when its (mtime, size, inode) changes."""

    def __init__(self, path: Path):
        self.path = path
        self.key: Any = None
        self.faults: dict = {}

    def get(self) -> dict:
        try:
            st = os.stat(self.path)
        except OSError:
            self.key, self.faults = None, {}
            return self.faults
        key = (st.st_mtime_ns, st.st_size, st.st_ino)
        if key != self.key:
            try:
                data = json.loads(self.path.read_text() or "{}")
                self.faults = data if isinstance(data, dict) else {}
            except (OSError, ValueError):
                self.faults = {}
            self.key = key
        return self.faults


FAULTS = FaultState(FAULT_FILE)


def _faults_for(scope) -> dict:
    for name, value in scope.get("headers", []):
        if name == b"x-stack-internal" and value == b"1":
            return {}
    return FAULTS.get()


class MetricsAndFaults:
    """Pure ASGI middleware: request metrics for every path, faults for all but /metrics."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        start = time.perf_counter()
        path = scope.get("path", "")
        label = path if path in KNOWN_PATHS else "unmatched"
        method = scope.get("method", "GET")
        status_holder = {"status": 500}

        async def send_wrapper(message):
            if message["type"] == "http.response.start":
                status_holder["status"] = message["status"]
            await send(message)

        try:
            faults = {} if path == "/metrics" else _faults_for(scope)
            scope.setdefault("state", {})["faults"] = faults
            latency = _as_float(faults.get("latency"))
            if latency and latency > 0:
                await asyncio.sleep(latency)
            forced = _as_int(faults.get("status"))
            if forced and 100 <= forced <= 599:
                resp = JSONResponse(
                    {"error": "injected fault", "detail": f"forced HTTP {forced}", "status": forced},
                    status_code=forced,
                )
                await resp(scope, receive, send_wrapper)
            else:
                await self.app(scope, receive, send_wrapper)
        finally:
            REQUESTS.labels(method=method, path=label, status=str(status_holder["status"])).inc()
            LATENCY.labels(method=method, path=label).observe(time.perf_counter() - start)


def _as_float(v) -> Optional[float]:
    try:
        return float(v) if v is not None else None
    except (TypeError, ValueError):
        return None


def _as_int(v) -> Optional[int]:
    try:
        return int(v) if v is not None else None
    except (TypeError, ValueError):
        return None


# --------------------------------------------------------------------------- backends


class Database:
    """One long-lived async connection, reconnected after any failure.

    Timeouts never cancel into psycopg: a cancelled async query makes psycopg
    send a cancel request and then wait for the server's answer, which never
    comes from a frozen server. Instead the query runs as its own task; on
    timeout its socket is shut down (the task then fails by itself) and the
    connection is abandoned.
    """

    def __init__(self, name: str):
        self.name = name
        self.conn: Optional[psycopg.AsyncConnection] = None
        self.lock = asyncio.Lock()

    async def _drop(self):
        conn, self.conn = self.conn, None
        if conn is not None:
            try:
                await asyncio.wait_for(conn.close(), 0.2)
            except BaseException:  # noqa: BLE001 - best effort
                pass

    def _abandon(self, conn: psycopg.AsyncConnection, task: "asyncio.Future"):
        if self.conn is conn:
            self.conn = None
        try:
            fd = conn.pgconn.socket
            s = socket.socket(fileno=os.dup(fd))
            try:
                s.shutdown(socket.SHUT_RDWR)
            finally:
                s.close()
        except Exception:  # noqa: BLE001
            pass

        def done(t: "asyncio.Future"):
            if not t.cancelled():
                t.exception()
            asyncio.ensure_future(_close_quietly(conn))

        task.add_done_callback(done)

    async def run(self, fn, timeout: Optional[float] = None):
        """fn(conn) -> awaitable, within timeout seconds (lock and connect included)."""
        deadline = None if timeout is None else time.monotonic() + timeout

        def remaining() -> Optional[float]:
            return None if deadline is None else max(0.001, deadline - time.monotonic())

        await asyncio.wait_for(self.lock.acquire(), remaining())
        try:
            for attempt in (0, 1):
                fresh = self.conn is None or self.conn.closed
                task = None
                conn = None
                try:
                    if fresh:
                        self.conn = None
                        self.conn = await asyncio.wait_for(
                            psycopg.AsyncConnection.connect(autocommit=True, **DB_CONNINFO), remaining()
                        )
                    conn = self.conn
                    task = asyncio.ensure_future(fn(conn))
                    started = time.perf_counter()
                    done, _ = await asyncio.wait({task}, timeout=remaining())
                    DB_QUERY_DURATION.labels(operation=self.name).observe(time.perf_counter() - started)
                    if not done:
                        raise TimeoutError("timeout")
                    return task.result()
                except ApiError:
                    raise
                except psycopg.OperationalError:
                    await self._drop()
                    # a reused connection may be stale (server restarted): retry once on a new one
                    if fresh or attempt:
                        raise
                except BaseException:
                    if task is not None and not task.done():
                        self._abandon(conn, task)
                    else:
                        await self._drop()
                    raise
        finally:
            self.lock.release()

    async def close(self):
        await self._drop()


async def _close_quietly(conn):
    try:
        await asyncio.wait_for(conn.close(), 0.5)
    except BaseException:  # noqa: BLE001
        pass


HEALTH_DB = Database("health")
API_DB = Database("api")
COLLECTOR_DB = Database("collection")
REDIS = aioredis.Redis(
    host=REDIS_HOST,
    port=REDIS_PORT,
    password=REDIS_PASSWORD,
    socket_timeout=REDIS_TIMEOUT,
    socket_connect_timeout=REDIS_TIMEOUT,
    retry=Retry(NoBackoff(), 1),
    retry_on_error=[RedisConnectionError],
    health_check_interval=0,
    max_connections=16,
)


def _err(e: BaseException) -> str:
    if isinstance(e, (asyncio.TimeoutError, TimeoutError)):
        return "timeout"
    text = str(e).strip().splitlines()
    return (text[0] if text else type(e).__name__)[:300]


async def check_database() -> dict:
    t0 = time.perf_counter()

    async def q(conn):
        cur = await conn.execute("SELECT 1")
        await cur.fetchone()

    try:
        await HEALTH_DB.run(q, timeout=DB_TIMEOUT)
        return {"status": "healthy", "latency_ms": _ms(t0), "error": None}
    except Exception as e:  # noqa: BLE001
        return {"status": "unhealthy", "latency_ms": _ms(t0), "error": _err(e)}


async def check_redis() -> dict:
    t0 = time.perf_counter()
    try:
        await asyncio.wait_for(REDIS.ping(), REDIS_TIMEOUT)
        return {"status": "healthy", "latency_ms": _ms(t0), "error": None}
    except Exception as e:  # noqa: BLE001
        return {"status": "unhealthy", "latency_ms": _ms(t0), "error": _err(e)}


def _ms(t0: float) -> float:
    return round((time.perf_counter() - t0) * 1000, 3)


def _now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


# --------------------------------------------------------------------------- app


COLLECT_INTERVAL = 1.0   # seconds between the starts of two data-collection runs
TRAFFIC_INTERVAL = 0.5   # seconds between two synthetic requests
TRAFFIC_TIMEOUT = 15.0   # seconds a synthetic request may take
TRAFFIC_MAX_IN_FLIGHT = 40


class CollectionFailed(Exception):
    def __init__(self, reason: str):
        self.reason = reason


async def _collect_once():
    """One data-collection run: the faults as an upstream would show them, then the database's numbers."""
    faults = FAULTS.get()
    latency = _as_float(faults.get("latency"))
    if latency and latency > 0:
        await asyncio.sleep(min(latency, 5.0))
    forced = _as_int(faults.get("status"))
    if forced and forced >= 500:
        raise CollectionFailed("upstream")

    async def q(conn):
        cur = await conn.execute(
            "SELECT (SELECT count(*) FROM teams), (SELECT count(*) FROM matches),"
            " (SELECT count(*) FROM predictions),"
            " (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database())"
        )
        return await cur.fetchone()

    try:
        teams, matches, predictions, sessions = await COLLECTOR_DB.run(q, timeout=2.0)
    except Exception:  # noqa: BLE001
        raise CollectionFailed("database")
    TABLE_ROWS.labels(table="teams").set(teams)
    TABLE_ROWS.labels(table="matches").set(matches)
    TABLE_ROWS.labels(table="predictions").set(predictions)
    DB_CONNECTIONS.set(sessions)


async def _collector():
    while True:
        t0 = time.perf_counter()
        try:
            await _collect_once()
        except CollectionFailed as failure:
            COLLECTION_ERRORS.labels(reason=failure.reason).inc()
        except Exception:  # noqa: BLE001
            COLLECTION_ERRORS.labels(reason="database").inc()
        finally:
            COLLECTIONS.inc()
            COLLECTION_DURATION.observe(time.perf_counter() - t0)
        await asyncio.sleep(max(0.05, COLLECT_INTERVAL - (time.perf_counter() - t0)))


async def _one_synthetic_request(port: int):
    writer = None
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), TRAFFIC_TIMEOUT)
        writer.write(b"GET /health/liveness HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: stack-traffic\r\n"
                     b"Connection: close\r\n\r\n")
        await writer.drain()
        await asyncio.wait_for(reader.read(), TRAFFIC_TIMEOUT)
    except Exception:  # noqa: BLE001 - the server records what it answered; nothing to do here
        pass
    finally:
        if writer is not None:
            writer.close()


async def _traffic(port: int):
    in_flight: set = set()
    while True:
        if len(in_flight) < TRAFFIC_MAX_IN_FLIGHT:
            task = asyncio.ensure_future(_one_synthetic_request(port))
            in_flight.add(task)
            task.add_done_callback(in_flight.discard)
        await asyncio.sleep(TRAFFIC_INTERVAL)


@asynccontextmanager
async def lifespan(app: FastAPI):
    if PID_FILE:
        tmp = PID_FILE + ".tmp"
        with open(tmp, "w") as f:
            f.write(f"{os.getpid()}\n")
        os.replace(tmp, PID_FILE)
    background = [asyncio.ensure_future(_collector())]
    traffic_port = _as_int(os.environ.get("STACK_API_TRAFFIC_PORT"))
    if traffic_port:
        background.append(asyncio.ensure_future(_traffic(traffic_port)))
    try:
        yield
    finally:
        for task in background:
            task.cancel()
        await HEALTH_DB.close()
        await API_DB.close()
        await COLLECTOR_DB.close()
        try:
            await REDIS.aclose()
        except Exception:  # noqa: BLE001
            pass
        if PID_FILE:
            try:
                if Path(PID_FILE).read_text().strip() == str(os.getpid()):
                    os.unlink(PID_FILE)
            except OSError:
                pass


app = FastAPI(title="Football Prediction API (staging stand-in)", version=VERSION, lifespan=lifespan,
              docs_url=None, redoc_url=None, openapi_url=None)
app.add_middleware(MetricsAndFaults)

HUGE_SIZE = 50 * 1024 * 1024


async def _huge_body():
    head = b'{"status":"healthy","padding":"'
    tail = b'"}'
    remaining = HUGE_SIZE - len(head) - len(tail)
    yield head
    chunk = b"x" * (1024 * 1024)
    while remaining > 0:
        n = min(remaining, len(chunk))
        yield chunk[:n]
        remaining -= n
    yield tail


async def _endless_body():
    yield b'{"status":"healthy","padding":"'
    while True:
        await asyncio.sleep(0.1)
        yield b"x" * 64


@app.get("/health")
async def health(request: Request):
    faults = request.scope.get("state", {}).get("faults", {})
    body_fault = faults.get("body")
    if body_fault == "invalid-json":
        return Response(content=b"<html><body>502 Bad Gateway (injected: not JSON){\"status\":",
                        status_code=200, media_type="application/json")
    if body_fault == "huge":
        return StreamingResponse(_huge_body(), status_code=200, media_type="application/json",
                                 headers={"content-length": str(HUGE_SIZE)})
    if body_fault == "endless":
        return StreamingResponse(_endless_body(), status_code=200, media_type="application/json")

    db, rd = await asyncio.gather(check_database(), check_redis())
    if db["status"] != "healthy":
        status = "unhealthy"
    elif rd["status"] != "healthy":
        status = "degraded"
    else:
        status = "healthy"
    forced = faults.get("health")
    if forced in ("healthy", "degraded", "unhealthy"):
        status = forced
    body = {
        "status": status,
        "version": VERSION,
        "timestamp": _now_iso(),
        "checks": {"database": db, "redis": rd},
    }
    return JSONResponse(body, status_code=503 if status == "unhealthy" else 200)


@app.get("/health/liveness")
async def liveness():
    return {"status": "alive"}


@app.get("/health/readiness")
async def readiness():
    db = await check_database()
    if db["status"] == "healthy":
        return {"status": "ready", "checks": {"database": db}}
    return JSONResponse({"status": "not_ready", "checks": {"database": db}}, status_code=503)


@app.get("/api/v1/status")
async def api_status():
    async def q(conn):
        cur = await conn.execute(
            "SELECT (SELECT count(*) FROM teams), (SELECT count(*) FROM matches),"
            " (SELECT count(*) FROM predictions)"
        )
        return await cur.fetchone()

    try:
        teams, matches, predictions = await API_DB.run(q, timeout=3.0)
    except Exception as e:  # noqa: BLE001
        return JSONResponse(
            {"error": "database unavailable", "detail": _err(e), "version": VERSION,
             "uptime_seconds": round(time.monotonic() - STARTED_MONO, 3)},
            status_code=503,
        )
    return {
        "version": VERSION,
        "model_version": MODEL_VERSION,
        "started_at": datetime.fromtimestamp(STARTED, timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "uptime_seconds": round(time.monotonic() - STARTED_MONO, 3),
        "counts": {"teams": teams, "matches": matches, "predictions": predictions},
    }


@app.get("/metrics")
async def metrics():
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)


# --------------------------------------------------------------------------- predictions

HOME_ADVANTAGE = 65.0
Q4 = Decimal("0.0001")


def elo_probabilities(home_elo: float, away_elo: float) -> tuple[Decimal, Decimal, Decimal]:
    """Home/draw/away from an Elo difference; 4 decimals, summing to exactly 1."""
    diff = (home_elo + HOME_ADVANTAGE) - away_elo
    expected = 1.0 / (1.0 + 10.0 ** (-diff / 400.0))          # home expected score
    draw = 0.30 * math.exp(-((diff / 400.0) ** 2)) - 0.02      # draws likelier when even
    draw = min(max(draw, 0.05), 0.34)
    home = min(max(expected - draw / 2.0, 0.01), 0.98)
    d = Decimal(draw).quantize(Q4, ROUND_HALF_EVEN)
    h = Decimal(home).quantize(Q4, ROUND_HALF_EVEN)
    if h + d > Decimal("0.99"):
        h = Decimal("0.99") - d
    a = Decimal(1) - h - d
    return h, d, a


class ApiError(Exception):
    def __init__(self, status: int, error: str, detail: str):
        self.status, self.error, self.detail = status, error, detail


@app.exception_handler(ApiError)
async def _api_error(request: Request, exc: ApiError):
    return JSONResponse({"error": exc.error, "detail": exc.detail}, status_code=exc.status)


def _team_ref(body: dict, side: str):
    by_id = body.get(f"{side}_team_id")
    by_name = body.get(f"{side}_team")
    if by_id is not None:
        if isinstance(by_id, bool) or not isinstance(by_id, (int, str)) or not str(by_id).strip().isdigit():
            raise ApiError(422, "invalid request", f"{side}_team_id must be an integer")
        return ("id", int(by_id))
    if isinstance(by_name, int) and not isinstance(by_name, bool):
        return ("id", by_name)
    if isinstance(by_name, str) and by_name.strip():
        return ("name", by_name.strip())
    raise ApiError(422, "invalid request", f"{side}_team (name) or {side}_team_id is required")


@app.post("/api/v1/predictions/match")
async def predict_match(request: Request):
    try:
        body = await request.json()
    except Exception:  # noqa: BLE001
        raise ApiError(422, "invalid request", "body must be JSON")
    if not isinstance(body, dict):
        raise ApiError(422, "invalid request", "body must be a JSON object")
    home_ref, away_ref = _team_ref(body, "home"), _team_ref(body, "away")
    if home_ref == away_ref or (
        home_ref[0] == away_ref[0] == "name" and home_ref[1].lower() == away_ref[1].lower()
    ):
        raise ApiError(422, "invalid request", "home and away team must differ")

    async def find(conn, ref):
        if ref[0] == "id":
            cur = await conn.execute("SELECT id, name, league, elo_rating FROM teams WHERE id = %s", (ref[1],))
        else:
            cur = await conn.execute(
                "SELECT id, name, league, elo_rating FROM teams WHERE lower(name) = lower(%s)", (ref[1],)
            )
        return await cur.fetchone()

    async def work(conn):
        home = await find(conn, home_ref)
        away = await find(conn, away_ref)
        missing = [str(r[1]) for r, t in ((home_ref, home), (away_ref, away)) if t is None]
        if missing:
            raise ApiError(404, "team not found", "unknown team: " + ", ".join(missing))
        if home[0] == away[0]:
            raise ApiError(422, "invalid request", "home and away team must differ")
        h, d, a = elo_probabilities(float(home[3]), float(away[3]))
        async with conn.transaction():
            cur = await conn.execute(
                "SELECT id FROM matches WHERE home_team_id = %s AND away_team_id = %s"
                " AND status = 'scheduled' AND kickoff > now() ORDER BY kickoff LIMIT 1",
                (home[0], away[0]),
            )
            row = await cur.fetchone()
            if row is None:
                league = home[2] if home[2] == away[2] else "Friendly"
                cur = await conn.execute(
                    "INSERT INTO matches (home_team_id, away_team_id, kickoff, league, season, status)"
                    " VALUES (%s, %s, date_trunc('hour', now()) + interval '7 days', %s,"
                    " CASE WHEN extract(month FROM now() + interval '7 days') >= 7"
                    "  THEN extract(year FROM now() + interval '7 days')::int || '/' || (extract(year FROM now() + interval '7 days')::int + 1)"
                    "  ELSE (extract(year FROM now() + interval '7 days')::int - 1) || '/' || extract(year FROM now() + interval '7 days')::int END,"
                    " 'scheduled') RETURNING id",
                    (home[0], away[0], league),
                )
                row = await cur.fetchone()
            match_id = row[0]
            cur = await conn.execute(
                "INSERT INTO predictions (match_id, model_version, home_win, draw, away_win)"
                " VALUES (%s, %s, %s, %s, %s) RETURNING id, created_at",
                (match_id, MODEL_VERSION, h, d, a),
            )
            pid, created = await cur.fetchone()
        return home, away, match_id, pid, created, (h, d, a)

    try:
        home, away, match_id, pid, created, (h, d, a) = await API_DB.run(work, timeout=5.0)
    except ApiError:
        raise
    except Exception as e:  # noqa: BLE001
        raise ApiError(503, "database unavailable", _err(e))

    PREDICTIONS.labels(model_version=MODEL_VERSION).inc()
    FOOTBALL_PREDICTIONS.labels(model_version=MODEL_VERSION).inc()
    result = {
        "prediction": {"home_win": float(h), "draw": float(d), "away_win": float(a)},
        "prediction_id": pid,
        "match_id": match_id,
        "model_version": MODEL_VERSION,
        "home_team": home[1],
        "away_team": away[1],
        "home_team_id": home[0],
        "away_team_id": away[0],
        "created_at": created.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
    }
    # Cache it in Redis like the real service does; Redis being down must not fail the request.
    try:
        await asyncio.wait_for(
            REDIS.set(f"prediction:match:{home[0]}:{away[0]}", json.dumps(result), ex=3600), REDIS_TIMEOUT
        )
    except Exception:  # noqa: BLE001
        pass
    return result


@app.exception_handler(404)
async def _not_found(request: Request, exc):
    return JSONResponse({"error": "not found", "detail": request.url.path}, status_code=404)


@app.exception_handler(405)
async def _not_allowed(request: Request, exc):
    return JSONResponse({"error": "method not allowed", "detail": request.method}, status_code=405)
