"""Requests per second and latency of the portal's pages under load, uncached and cached.

    .venv/bin/python bench/portal_pages.py [--articles 100000] [--backends sqlite,postgresql]

For each backend the script builds a fresh portal (`migrate`, `demo --articles N`, ANALYZE,
`collectstatic`) in its own process with its own DATABASE_URL and a temporary var/ folder (the
PostgreSQL database `congdoan_bench_portal` is created and dropped here), then serves it with
gunicorn (DEBUG off, static files by WhiteNoise) and loads it with wrk at a fixed concurrency:
the home page, a large category's page 1 and page 50, one article and one day archive, beside a
static CSS file from the same server in the same run. Once without the page cache
(CONGDOAN_PAGE_CACHE_SECONDS=0), once with it in Redis, and on SQLite also with it in each
worker's local memory.

Targets: uncached article p50 < 30 ms and home p50 < 50 ms; every cached page at least a third
of the static file's requests per second. Exit status 1 on FAIL, or when a step breaks.
"""

import argparse
import contextlib
import http.client
import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from harness import PG_SERVER, database_version, postgres_database  # noqa: E402

PG_DATABASE = "congdoan_bench_portal"
REDIS_SERVER = "redis://127.0.0.1:6379"
CACHE_PREFIX = "congdoan-bench-portal"
HOST = "127.0.0.1"

ARTICLE_P50_MS = 30
HOME_P50_MS = 50
CACHED_SHARE_OF_STATIC = 1 / 3

PAGES = [
    ("home", "Trang chủ"),
    ("category", "Chuyên mục, trang 1"),
    ("category_deep", "Chuyên mục, trang 50"),
    ("article", "Tin bài"),
    ("day", "Lưu trữ theo ngày"),
]
STATIC = ("static", "Tệp tĩnh (CSS, WhiteNoise)")

MODES = {
    "uncached": "Không đệm",
    "redis": "Đệm Redis",
    "locmem": "Đệm bộ nhớ tiến trình",
}
NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


class BenchError(Exception):
    """A step that makes the figures meaningless: the run stops with status 1."""


# --- the worker: builds one backend's portal, inside Django ---------------------------------


def refresh(output):
    """A portal kept by --keep, before it is measured again with --reuse: the code may have
    moved on since, so its migrations and static files are brought up to date, and the static
    file's hashed name is read again."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congdoan.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.templatetags.static import static

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", interactive=False, verbosity=0)
    prepared = json.loads(Path(output).read_text())
    prepared["urls"]["static"] = static("core/site.css")
    Path(output).write_text(json.dumps(prepared, ensure_ascii=False, indent=1))


def prepare(articles, output, deep_page):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congdoan.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.templatetags.static import static
    from django.utils import timezone
    from wagtail.models import Site

    from congdoan.news.models import PAGE_SIZE, ArticlePage, CategoryPage, SubsiteHomePage
    from congdoan.news.models import articles as listed_articles

    call_command("migrate", verbosity=0, interactive=False)
    started = time.perf_counter()
    call_command("demo", articles=articles, verbosity=0, stdout=io.StringIO())
    demo_seconds = time.perf_counter() - started
    started = time.perf_counter()
    with connection.cursor() as cursor:
        # PostgreSQL: what autovacuum would do a minute after the load. SQLite never analyses
        # on its own; we analyse it too, as bench/tree_figures.py does, to compare planners on
        # equal terms.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    analyze_seconds = time.perf_counter() - started
    call_command("collectstatic", interactive=False, verbosity=0)

    home = Site.objects.get(is_default_site=True).root_page.specific
    subsites = list(SubsiteHomePage.objects.descendant_of(home))
    counts = []
    for category in CategoryPage.objects.descendant_of(home).live():
        if any(category.is_descendant_of(subsite) for subsite in subsites):
            continue
        counts.append((listed_articles().descendant_of(category).count(), category))
    category_count, category = max(counts, key=lambda item: (item[0], -item[1].depth))
    pages = max(1, -(-category_count // PAGE_SIZE))
    deep = min(deep_page, pages)

    # The article: the first one with a picture on the category's deep page, a typical item
    # rather than the newest.
    window = list(listed_articles().descendant_of(category)[(deep - 1) * PAGE_SIZE :][:PAGE_SIZE])
    article = next((item for item in window if item.lead_image_id), window[0])
    day = timezone.localtime(article.date).date()
    section_url = home.get_url()
    start = timezone.make_aware(datetime.combine(day, datetime.min.time()))
    day_items = (
        home.section_articles().filter(date__gte=start, date__lt=start + timedelta(days=1)).count()
    )
    results = {
        "vendor": connection.vendor,
        "database_version": database_version(connection),
        "articles": ArticlePage.objects.live().count(),
        "demo_seconds": round(demo_seconds, 1),
        "analyze_seconds": round(analyze_seconds, 1),
        "category_title": category.title,
        "category_items": category_count,
        "category_pages": pages,
        "deep_page": deep,
        "article_title": article.title,
        "day": day.isoformat(),
        "day_items": day_items,
        "urls": {
            "home": section_url,
            "category": category.get_url(),
            "category_deep": f"{category.get_url()}?trang={deep}",
            "article": article.get_url(),
            "day": f"{section_url}ngay/{day:%Y-%m-%d}/",
            "static": static("core/site.css"),
        },
    }
    Path(output).write_text(json.dumps(results, ensure_ascii=False, indent=1))


# --- the server and the load -----------------------------------------------------------------


def _free_port():
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _get(port, url, timeout=60):
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", url)
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader("X-Cache")
    finally:
        connection.close()


class Server:
    """gunicorn in its own process group, killed with the group on the way out, whatever
    happened; `start()` waits until it answers."""

    def __init__(self, env, workers, log_path, probe_url, timeout=90):
        self.env = env
        self.workers = workers
        self.log_path = log_path
        self.probe_url = probe_url
        self.timeout = timeout
        self.port = _free_port()
        self.process = None

    def __enter__(self):
        command = [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "--pythonpath",
            "src",
            "congdoan.wsgi:application",
            "--bind",
            f"{HOST}:{self.port}",
            "--workers",
            str(self.workers),
            "--timeout",
            "120",
        ]
        self.log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                tail = self._log_tail()
                self.stop()
                raise BenchError(f"gunicorn đã dừng khi khởi động:\n{tail}")
            try:
                if _get(self.port, self.probe_url, timeout=5)[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.5)
        tail = self._log_tail()
        self.stop()
        raise BenchError(f"gunicorn không trả lời sau {self.timeout} giây:\n{tail}")

    def __exit__(self, *exc_info):
        self.stop()

    def stop(self):
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.process = None
        self.log.close()

    def _log_tail(self):
        if not self.log.closed:
            self.log.flush()
        return "\n".join(Path(self.log_path).read_text(errors="replace").splitlines()[-30:])


_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text):
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if not match:
        raise BenchError(f"wrk: không đọc được thời gian “{text}”")
    return float(match.group(1)) * _UNITS_MS[match.group(2)]


def parse_wrk(output):
    percentiles = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)\s*$", output, re.MULTILINE))
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    total = re.search(r"^\s+(\d+) requests in", output, re.MULTILINE)
    if not (rate and total and "50" in percentiles and "99" in percentiles):
        raise BenchError(f"wrk: không đọc được kết quả:\n{output}")
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return {
        "rps": float(rate.group(1)),
        "p50": _ms(percentiles["50"]),
        "p99": _ms(percentiles["99"]),
        "requests": int(total.group(1)),
        "non_2xx": int(bad.group(1)) if bad else 0,
        # wrk counts a read error for every connection gunicorn's sync worker closes after its
        # response (it does not keep connections alive); only timeouts matter here.
        "timeouts": int(errors.group(4)) if errors else 0,
    }


def wrk(port, url, args, seconds, connections=None):
    connections = connections or args.connections
    command = [
        shutil.which("wrk") or "/usr/bin/wrk",
        f"-t{min(args.threads, connections)}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "30s",
        "--latency",
        f"http://{HOST}:{port}{url}",
    ]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=seconds + 60, check=False
    )
    if done.returncode != 0:
        raise BenchError(f"wrk thất bại ({done.returncode}): {done.stderr or done.stdout}")
    return parse_wrk(done.stdout)


def check_cache(port, url, mode, workers):
    """Uncached: no X-Cache header at all. Redis: the second request is a HIT. Local memory:
    each worker has its own, so a HIT within a few requests (gunicorn does not alternate)."""
    status, first = _get(port, url)
    if status != 200:
        raise BenchError(f"{url}: mã trả về {status}, không phải 200")
    if mode == "uncached":
        if first is not None:
            raise BenchError(f"{url}: có X-Cache: {first} khi đã tắt bộ nhớ đệm")
        return
    tries = 1 if mode == "redis" else 4 * workers
    for _ in range(tries):
        status, state = _get(port, url)
        if state == "HIT":
            return
    raise BenchError(f"{url}: không thấy X-Cache: HIT ({mode}; lần đầu {first}, sau đó {state})")


# --- the orchestrator: one process per backend ----------------------------------------------


def _redis_flush(db, check_only=False):
    """Empties our Redis database, refusing one that holds someone else's keys."""
    import redis

    client = redis.Redis.from_url(f"{REDIS_SERVER}/{db}")
    try:
        foreign = [
            key
            for key in client.scan_iter(count=1000)
            if not key.decode(errors="replace").startswith(CACHE_PREFIX)
        ]
        if foreign:
            raise BenchError(
                f"Redis db {db} đang có khóa của ứng dụng khác ({foreign[0]!r}…): "
                "chọn db khác bằng --redis-db."
            )
        if not check_only:
            client.flushdb()
        return client.info("server")["redis_version"]
    finally:
        client.close()


def measure_mode(backend, mode, base_env, prepared, args, var_dir):
    env = dict(base_env)
    if mode == "uncached":
        env["CONGDOAN_PAGE_CACHE_SECONDS"] = "0"
    else:
        env["CONGDOAN_PAGE_CACHE_SECONDS"] = "3600"
    if mode == "redis":
        _redis_flush(args.redis_db)
        env["REDIS_URL"] = f"{REDIS_SERVER}/{args.redis_db}"
        env["CACHE_KEY_PREFIX"] = CACHE_PREFIX
    urls = prepared["urls"]
    log_path = Path(var_dir) / f"gunicorn-{mode}.log"
    figures = {}
    print(f"  {NAMES[backend]}, {MODES[mode]}: gunicorn {args.workers} tiến trình…", flush=True)
    with Server(env, args.workers, log_path, urls["static"]) as server:
        try:
            _measure_pages(server, mode, urls, args, figures)
        except BenchError as error:
            raise BenchError(f"{error}\nNhật ký gunicorn:\n{server._log_tail()}") from error
    if mode == "redis":
        _redis_flush(args.redis_db)
    return figures


def _measure_pages(server, mode, urls, args, figures):
    for key, _label in [*PAGES, STATIC]:
        if key != "static":
            check_cache(server.port, urls[key], mode, args.workers)
        wrk(server.port, urls[key], args, args.warmup)
        figures[key] = wrk(server.port, urls[key], args, args.duration)
        if key != "static" and mode != "uncached":
            # Still served from the cache after the run: nothing expired or missed.
            check_cache(server.port, urls[key], mode, args.workers)
        if mode == "uncached" and key in ("home", "article") and args.single:
            figures[key + "_single"] = wrk(server.port, urls[key], args, args.duration, 1)
            # One connection per worker: every worker busy, nobody queueing behind it.
            figures[key + "_workers"] = wrk(
                server.port, urls[key], args, args.duration, args.workers
            )


KEPT = Path(tempfile.gettempdir()) / "congdoan-bench-portal"


def run_backend(backend, args):
    # --keep leaves the built portal (var/ folder, PostgreSQL database) where --reuse finds it,
    # so the long build can run while the machine is busy and the measurement later.
    if args.keep or args.reuse:
        var_dir = str(KEPT / backend)
        Path(var_dir).mkdir(parents=True, exist_ok=True)
    else:
        var_dir = tempfile.mkdtemp(prefix=f"congdoan-bench-portal-{backend}-")
    env = {
        **os.environ,
        "CONGDOAN_VAR_DIR": var_dir,
        "CONGDOAN_PROFILE": "development",
        "DJANGO_SETTINGS_MODULE": "congdoan.settings",
        "DEBUG": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    for name in ("DATABASE_URL", "REDIS_URL", "CACHE_URL", "CACHE_KEY_PREFIX", "STATIC_ROOT"):
        env.pop(name, None)
    env.pop("CONGDOAN_PAGE_CACHE_SECONDS", None)
    output = Path(var_dir) / "prepared.json"
    reused = args.reuse and output.exists()
    try:
        if backend == "postgresql":
            if not reused:
                postgres_database(PG_DATABASE, "create")
            env["DATABASE_URL"] = f"{PG_SERVER}/{PG_DATABASE}"
        print(
            f"{NAMES[backend]}: migrate, demo --articles {args.articles}, ANALYZE, collectstatic…",
            flush=True,
        )
        command = [
            sys.executable,
            __file__,
            "--prepare",
            "--output",
            str(output),
            "--articles",
            str(args.articles),
            "--deep-page",
            str(args.deep_page),
        ]
        started = time.perf_counter()
        if reused:
            print(
                f"  Dùng lại cổng đã dựng trong {var_dir} (--reuse): migrate, collectstatic",
                flush=True,
            )
            subprocess.run([*command, "--refresh"], env=env, check=True, cwd=ROOT)
        else:
            subprocess.run(command, env=env, check=True, cwd=ROOT)
        prepared = json.loads(output.read_text())
        prepared["prepare_seconds"] = round(time.perf_counter() - started, 1)
        prepared["reused"] = reused
        print(
            f"  {prepared['articles']} tin bài; demo {prepared['demo_seconds']} s; "
            f"URL: {json.dumps(prepared['urls'], ensure_ascii=False)}",
            flush=True,
        )
        if args.prepare_only:
            return prepared
        modes = ["uncached", "redis"]
        if backend == "sqlite" and not args.no_locmem:
            modes.append("locmem")
        prepared["figures"], prepared["load"] = {}, [os.getloadavg()[0]]
        for mode in modes:
            prepared["figures"][mode] = measure_mode(backend, mode, env, prepared, args, var_dir)
            prepared["load"].append(os.getloadavg()[0])
        return prepared
    finally:
        if args.keep:
            print(f"  Giữ lại thư mục {var_dir} và CSDL (dùng lại bằng --reuse)", flush=True)
        else:
            if backend == "postgresql":
                postgres_database(PG_DATABASE, "drop")
            shutil.rmtree(var_dir, ignore_errors=True)


# --- the report ------------------------------------------------------------------------------


def _machine():
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {round(kib / 1024 / 1024)} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} nhân CPU ({cpu}){memory}, Python {sys.version.split()[0]}"


def _cell(figure):
    from congdoan.core.formatting import format_number as n

    if figure is None:
        return f"{'–':>8}{'–':>9}{'–':>9}"
    return f"{n(figure['rps'], 0):>8}{n(figure['p50'], 1):>9}{n(figure['p99'], 1):>9}"


def print_backend(backend, result, args):
    from congdoan.core.formatting import format_number as n

    figures = result["figures"]
    modes = list(figures)
    print()
    print(
        f"{NAMES[backend]} {result['database_version']}: {n(result['articles'])} tin bài "
        f"(demo trong {n(result['demo_seconds'], 0)} giây); chuyên mục “{result['category_title']}” "
        f"{n(result['category_items'])} tin, {n(result['category_pages'])} trang; ngày "
        f"{datetime.fromisoformat(result['day']):%d/%m/%Y} có {n(result['day_items'])} tin."
    )
    width = 30
    header = f"{'':<{width}}" + "".join(f"{'| ' + MODES[mode]:<28}" for mode in modes)
    units = f"{'Trang':<{width}}" + f"{'|    req/s   p50 ms   p99 ms':<28}" * len(modes)
    print(header.rstrip())
    print(units.rstrip())
    print("-" * len(units))
    for key, label in [*PAGES, STATIC]:
        if key == "category_deep":
            label = f"Chuyên mục, trang {result['deep_page']}"
        line = f"{label:<{width}}"
        line += "".join(f"| {_cell(figures[mode].get(key)):<26}" for mode in modes)
        print(line.rstrip())
    loads = result["load"]
    print(
        f"Tải trung bình 1 phút của máy khi đo: {n(min(loads), 1)}–{n(max(loads), 1)} "
        f"(máy có {os.cpu_count()} nhân)."
    )
    uncached = figures["uncached"]
    if "home_single" in uncached:
        print()
        print("Không đệm, một kết nối (-c1), không xếp hàng:")
        for key, label in (("home_single", "Trang chủ"), ("article_single", "Tin bài")):
            print(f"{'  ' + label:<{width}}| {_cell(uncached[key])}")
        if "home_workers" in uncached:
            print(f"Không đệm, mỗi tiến trình một kết nối (-c{args.workers}):")
            for key, label in (("home_workers", "Trang chủ"), ("article_workers", "Tin bài")):
                print(f"{'  ' + label:<{width}}| {_cell(uncached[key])}")
    troubles = [
        f"{MODES[mode]} {key}: {figure['non_2xx']} mã lỗi, {figure['timeouts']} quá hạn"
        for mode in modes
        for key, figure in figures[mode].items()
        if figure["non_2xx"] or figure["timeouts"]
    ]
    for trouble in troubles:
        print(f"CẢNH BÁO {trouble}")
    return bool(troubles)


def verdicts(backend, result):
    from congdoan.core.formatting import format_number as n

    figures = result["figures"]
    lines = []
    article = figures["uncached"]["article"]["p50"]
    home = figures["uncached"]["home"]["p50"]
    lines.append(
        (
            article < ARTICLE_P50_MS,
            f"tin bài không đệm p50 {n(article, 1)} ms < {ARTICLE_P50_MS} ms",
        )
    )
    lines.append(
        (home < HOME_P50_MS, f"trang chủ không đệm p50 {n(home, 1)} ms < {HOME_P50_MS} ms")
    )
    # The same targets as service time: one connection per gunicorn worker, so the p50 is not
    # the wait behind other requests (Little's law: p50 ≈ connections / req/s).
    for suffix, label in (("_workers", "mỗi tiến trình một kết nối"), ("_single", "-c1")):
        if "article" + suffix not in figures["uncached"]:
            continue
        for key, target, name in (
            ("article", ARTICLE_P50_MS, "tin bài"),
            ("home", HOME_P50_MS, "trang chủ"),
        ):
            p50 = figures["uncached"][key + suffix]["p50"]
            lines.append(
                (p50 < target, f"{name} không đệm, {label}: p50 {n(p50, 1)} ms < {target} ms")
            )
    for mode in figures:
        if mode == "uncached":
            continue
        static = figures[mode]["static"]["rps"]
        slowest_key = min((key for key, _ in PAGES), key=lambda key: figures[mode][key]["rps"])
        slowest = figures[mode][slowest_key]["rps"]
        share = slowest / static if static else 0
        label = dict(PAGES)[slowest_key].lower()
        lines.append(
            (
                share >= CACHED_SHARE_OF_STATIC,
                f"{MODES[mode].lower()}: trang chậm nhất ({label}) {n(slowest, 0)} req/s = "
                f"{n(share * 100, 0)}% của tệp tĩnh {n(static, 0)} req/s (cần ≥ 33%)",
            )
        )
    for passed, text in lines:
        print(f"{NAMES[backend]}: {'PASS' if passed else 'FAIL'} – {text}")
    return all(passed for passed, _text in lines)


def main():
    try:
        return run()
    except KeyboardInterrupt:
        print("Đã dừng giữa chừng: gunicorn đã tắt, dữ liệu tạm đã xóa.", file=sys.stderr)
        return 130


def run():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--workers", type=int, default=2, help="Tiến trình gunicorn.")
    parser.add_argument("--threads", type=int, default=2, help="Luồng của wrk.")
    parser.add_argument("--connections", type=int, default=8, help="Số kết nối đồng thời.")
    parser.add_argument("--duration", type=int, default=10, help="Giây đo mỗi trang.")
    parser.add_argument("--warmup", type=int, default=3, help="Giây khởi động trước khi đo.")
    parser.add_argument("--deep-page", type=int, default=50)
    parser.add_argument("--redis-db", type=int, default=13)
    parser.add_argument("--no-locmem", action="store_true", help="Bỏ đo đệm bộ nhớ tiến trình.")
    parser.add_argument(
        "--single", action="store_true", help="Đo thêm trang chủ và tin bài với một kết nối."
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help=f"Giữ cổng đã dựng ({KEPT}/…, CSDL PostgreSQL) để đo lại bằng --reuse.",
    )
    parser.add_argument(
        "--reuse", action="store_true", help="Đo lại cổng đã giữ bằng --keep, không dựng lại."
    )
    parser.add_argument(
        "--prepare-only", action="store_true", help="Chỉ dựng cổng (dùng cùng --keep), không đo."
    )
    parser.add_argument("--json", help="Ghi toàn bộ kết quả ra tệp JSON này.")
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--output", help=argparse.SUPPRESS)
    parser.add_argument("--refresh", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare and args.refresh:
        refresh(args.output)
        return 0
    if args.prepare:
        prepare(args.articles, args.output, args.deep_page)
        return 0

    # A SIGTERM or a hang-up unwinds like Ctrl+C, so every `finally` kills its gunicorn and
    # drops its database.
    def interrupted(signum, _frame):
        raise KeyboardInterrupt(signum)

    signal.signal(signal.SIGTERM, interrupted)
    signal.signal(signal.SIGHUP, interrupted)

    if not shutil.which("wrk") and not Path("/usr/bin/wrk").exists():
        print("Không có wrk: apt-get install -y wrk", file=sys.stderr)
        return 1
    try:
        redis_version = _redis_flush(args.redis_db, check_only=True)
    except Exception as error:
        print(f"Không dùng được Redis {REDIS_SERVER}/{args.redis_db}: {error}", file=sys.stderr)
        return 1

    started = time.perf_counter()
    results, failed = {}, False
    for backend in args.backends.split(","):
        try:
            results[backend] = run_backend(backend, args)
        except (BenchError, subprocess.CalledProcessError, OSError) as error:
            print(f"{NAMES.get(backend, backend)}: không đo được – {error}", file=sys.stderr)
            failed = True
        except Exception as error:
            print(f"{NAMES.get(backend, backend)}: không đo được – {error!r}", file=sys.stderr)
            failed = True
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1))

    print()
    print(f"Ngày đo: {datetime.now():%d/%m/%Y %H:%M} – máy: {_machine()}")
    print(
        f"gunicorn {args.workers} tiến trình (sync), wrk -t{args.threads} -c{args.connections} "
        f"-d{args.duration}s sau {args.warmup} giây khởi động, cùng máy; Redis {redis_version} "
        f"db {args.redis_db}. Thời gian tính bằng ms."
    )
    if args.prepare_only:
        for backend, result in results.items():
            print(
                f"{NAMES[backend]}: đã dựng {result['articles']} tin bài, demo {result['demo_seconds']} s"
            )
        return 1 if failed or not results else 0
    for backend, result in results.items():
        failed |= print_backend(backend, result, args)
    print()
    for backend, result in results.items():
        failed |= not verdicts(backend, result)
    print(f"Toàn bộ lần đo: {round(time.perf_counter() - started)} giây.")
    return 1 if failed or not results else 0


if __name__ == "__main__":
    sys.exit(main())
