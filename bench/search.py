"""Vietnamese search at scale: indexing time and query latency on PostgreSQL and SQLite.

    .venv/bin/python bench/search.py [--items-pg 1000000] [--items-sqlite 100000]
                                     [--backends sqlite,postgresql] [--runs 3] [--plan]

For each backend, in its own process with its own DATABASE_URL and a temporary var/ folder (the
PostgreSQL database `congdoan_bench_search` is created and dropped here): `migrate`, then
generated items are indexed through `index.reindex()` under two bench kinds registered in the
worker (no Wagtail pages). Texts are sentences of /work/shared/seeds/*.txt combined at random
with a fixed seed, so that "công đoàn" and "người lao động" are in most items, as in real
content. Then ANALYZE (PostgreSQL: VACUUM ANALYZE) and, in process, `services.search(...,
record=False)` for groups of queries: 1 to 4 syllables, with and without diacritics, without
a filter and with a kind, category or date-range filter; the hard cases ("công đoàn", "người
lao động", typed with and without diacritics) separately, page 10 and sort=date; and the time
from `index_object()` of a new item to `search()` returning it.

Targets: p95 < 100 ms on each backend (overall and each hard case), a published item
searchable within 1 s. Exit status 1 on FAIL, or when a backend cannot be measured.
"""

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from harness import database_version  # noqa: E402

PG_SERVER = "postgres://postgres@127.0.0.1:5432"
PG_DATABASE = "congdoan_bench_search"
SEEDS = ROOT.parent / "shared" / "seeds"  # ../shared/seeds beside the project
SEED = 20261122

P95_MS = 100
SEARCHABLE_MS = 1000

CATEGORIES = list(range(1, 21))  # 20 category ids
UNITS = 60  # unit ids 1..60: 3 national, 12 provincial, the rest grassroots
YEARS = 10
KINDS = [("bench", "Tin (bench)", 0.9), ("benchdoc", "Văn bản (bench)", 0.1)]

HARD = ["công đoàn", "cong doan", "người lao động", "nguoi lao dong"]
FILTERS = [
    ("none", "không lọc"),
    ("kind", "lọc loại"),
    ("category", "lọc chuyên mục"),
    ("dates", "lọc khoảng ngày"),
]
NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


# --- generated content ------------------------------------------------------------------------


def seed_sentences():
    text = "\n".join(path.read_text() for path in sorted(SEEDS.glob("*.txt")))
    parts = re.split(r"(?<=[.!?…;])\s+|\n+", text)
    return [" ".join(part.split()) for part in parts if len(part.split()) >= 5]


class Generator:
    """Items made of seed sentences: a title of 6–16 syllables, a body of 80–150 (a lead
    sentence then a paragraph), in chronological order over YEARS years."""

    def __init__(self, count, end):
        self.count = count
        self.end = end
        self.start = end - timedelta(days=365 * YEARS)
        self.sentences = seed_sentences()
        lower = [s.lower() for s in self.sentences]
        self.union = [s for s, low in zip(self.sentences, lower, strict=True) if "công đoàn" in low]
        self.workers = [
            s for s, low in zip(self.sentences, lower, strict=True) if "người lao động" in low
        ]
        self.words = [s.split() for s in self.sentences]

    def body(self, rng):
        target = rng.randint(80, 150)
        chosen = []
        if rng.random() < 0.8:
            chosen.append(rng.choice(self.union))
        if rng.random() < 0.6:
            chosen.append(rng.choice(self.workers))
        rng.shuffle(chosen)
        words = []
        for sentence in chosen:
            words += sentence.split()[:70]
        while len(words) < target:
            words += rng.choice(self.words)
        return " ".join(words[:target]).rstrip(",;:-") + "."

    def title(self, rng):
        words = rng.choice(self.words)
        length = rng.randint(6, 16)
        first = rng.randint(0, max(0, len(words) - length))
        title = " ".join(words[first : first + length]).strip(",.;:-–…")
        return title[:1].upper() + title[1:]

    def items(self):
        """(kind, key, Document) for every item, oldest first."""
        from congdoan.search.index import Document

        rng = random.Random(SEED)
        span = (self.end - self.start).total_seconds()
        for number in range(self.count):
            moment = self.start + timedelta(seconds=span * (number + rng.random()) / self.count)
            kind = "bench" if rng.random() < KINDS[0][2] else "benchdoc"
            unit = rng.randint(13, UNITS)
            units = [unit, 4 + unit % 9, 1 + unit % 3][: rng.randint(1, 3)]
            yield (
                kind,
                f"{kind}-{number}",
                Document(
                    title=self.title(rng),
                    url=f"/bench/{number}/",
                    published_at=moment,
                    text=self.body(rng),
                    categories=[rng.choice(CATEGORIES)],
                    units=units,
                ),
            )


def queries(sentences, per_group):
    """For 1..4 syllables: `per_group` distinct runs of consecutive syllables taken at random
    positions of the seed texts (so frequent words are drawn more often, as people type
    them), with diacritics and folded."""
    from congdoan.search.text import fold

    rng = random.Random(SEED + 1)
    words = [[w.strip(",.;:()\"“”'!?…–-").lower() for w in s.split()] for s in sentences]
    words = [[w for w in s if w and re.fullmatch(r"\w+", w) and not w.isdigit()] for s in words]
    out = {}
    for size in (1, 2, 3, 4):
        found = []
        while len(found) < per_group:
            sentence = rng.choice(words)
            if len(sentence) < size:
                continue
            first = rng.randint(0, len(sentence) - size)
            text = " ".join(sentence[first : first + size])
            if text not in found and fold(text) != text:
                found.append(text)
        out[size] = {"accented": found, "folded": [fold(t) for t in found]}
    return out


# --- the worker: one backend, inside Django ---------------------------------------------------


def _percentile(samples, share):
    ordered = sorted(samples)
    if not ordered:
        return None
    rank = max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))
    return ordered[rank]


def _summary(samples):
    return {
        "n": len(samples),
        "p50": round(statistics.median(samples), 2),
        "p95": round(_percentile(samples, 0.95), 2),
        "max": round(max(samples), 2),
    }


class SqlLog:
    """Every statement run through Django's connection with its duration (fetch included)."""

    def __init__(self):
        self.statements = []

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        result = execute(sql, params, many, context)
        self.statements.append([sql, list(params or []), (time.perf_counter() - started) * 1000])
        return result


class CallLog:
    """Calls of the engine's steps with their durations (results fully fetched: on SQLite the
    work of a statement happens in fetch, which an execute wrapper does not see)."""

    STEPS = [
        ("engine", "count"),
        ("engine", "matching_ids"),
        ("engine", "window"),
        ("engine", "entries"),
        ("services", "promotions"),
        ("services", "snippet"),
    ]

    def __init__(self):
        self.calls = []
        self.saved = []

    def __enter__(self):
        from congdoan.search import engine, services

        modules = {"engine": engine, "services": services}
        for module_name, name in self.STEPS:
            module = modules[module_name]
            original = getattr(module, name)
            self.saved.append((module, name, original))
            setattr(module, name, self._wrap(name, original))
        return self

    def __exit__(self, *exc_info):
        for module, name, original in self.saved:
            setattr(module, name, original)

    def _wrap(self, name, original):
        def wrapped(*args, **kwargs):
            started = time.perf_counter()
            result = original(*args, **kwargs)
            ms = (time.perf_counter() - started) * 1000
            detail = ""
            if name == "window":
                detail = f"{len(result)} mục mới nhất, {len(args[1])} đặc trưng"
            elif args and hasattr(args[0], "must"):
                condition = args[0]
                detail = " AND ".join(condition.must)
                detail += "".join(f" NOT({' AND '.join(g)})" for g in condition.must_not)
                if condition.low is not None or condition.high is not None:
                    detail += " [ngày]"
                detail += f" {kwargs or args[1:]}"
                detail += f" -> {result if isinstance(result, int) else len(result)}"
            self.calls.append([round(ms, 2), name, detail[:400]])
            return result

        return wrapped


def _load():
    """The load average (1, 5, 15 min) of the machine, shared with other work."""
    try:
        return [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]
    except OSError:
        return None


def worker(backend, items, runs, per_group, output, plan, reuse=False, hard_runs=40):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congdoan.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from congdoan.search import fulltext, index, services
    from congdoan.search.models import SearchEntry
    from congdoan.search.text import parse_query

    call_command("migrate", verbosity=0, interactive=False)
    end = timezone.now().replace(microsecond=0) - timedelta(days=1)
    generator = Generator(items, end)
    generated = {"items": 0, "syllables": 0}

    # The generator is walked once: the first kind's pass keeps the other kind's items for
    # its own pass (the order of the rows in the table stays: every "bench", then "benchdoc").
    kept = {kind: [] for kind, _l, _s in KINDS[1:]}

    def objects_of(kind):
        def objects():
            if kind in kept:
                yield from kept.pop(kind)
                return
            for item in generator.items():
                generated["items"] += 1
                generated["syllables"] += len(item[2].text.split())
                if item[0] == kind:
                    yield item
                else:
                    kept[item[0]].append(item)

        return objects

    for kind, label, _share in KINDS:
        index.register(
            kind,
            label,
            document=lambda item: item[2],
            objects=objects_of(kind),
            key=lambda item: item[1],
        )

    done = {"n": 0, "last": time.perf_counter()}

    def progress(_name):
        done["n"] += 1
        if done["n"] % 100_000 == 0:
            now = time.perf_counter()
            print(
                f"    {backend}: {done['n']:,} mục, {100_000 / (now - done['last']):,.0f} mục/s",
                flush=True,
            )
            done["last"] = now

    # Generation time is counted in the indexing time: the rate below is a lower bound.
    # With --reuse, a PostgreSQL database kept by an earlier run (--keep) with as many items
    # is measured again as it is: no indexing, its figures are those of that run.
    reused = reuse and SearchEntry.objects.count() >= items
    started = time.perf_counter()
    if reused:
        counts = {k: SearchEntry.objects.filter(kind=k).count() for k, _l, _s in KINDS}
        generated.update(items=1, syllables=115)
    else:
        counts = index.reindex([k for k, _l, _s in KINDS], batch_size=2000, progress=progress)
    index_seconds = time.perf_counter() - started
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    analyze_seconds = time.perf_counter() - started
    total = SearchEntry.objects.count()
    load = _load()

    results = {
        "backend": backend,
        "vendor": connection.vendor,
        "database_version": database_version(connection),
        "items": total,
        "counts": counts,
        "index_seconds": round(index_seconds, 1),
        "analyze_seconds": round(analyze_seconds, 1),
        "items_per_second": round(total / index_seconds, 0),
        "average_body_syllables": round(generated["syllables"] / max(1, generated["items"]), 1),
        "sizes": _sizes(connection),
        "runs": runs,
        "reused": reused,
        "fulltext": fulltext.kind() or "fts5",
        "load_before": load,
    }
    results["share_union"] = _share_of(parse_query("công đoàn"), total)
    results["share_workers"] = _share_of(parse_query("người lao động"), total)

    rng = random.Random(SEED + 2)
    today = timezone.localdate()

    def filters_for(name, number):
        if name == "kind":
            return services.Filters(kind=KINDS[number % 2][0])
        if name == "category":
            return services.Filters(category=CATEGORIES[number % len(CATEGORIES)])
        if name == "dates":
            first = today - timedelta(days=rng.randint(30, 365 * YEARS))
            return services.Filters(date_from=first, date_to=first + timedelta(days=90))
        return services.Filters()

    def timed(text, filters, sort="relevance", page=1):
        started = time.perf_counter()
        found = services.search(text, filters=filters, sort=sort, page=page, record=False)
        return (time.perf_counter() - started) * 1000, found

    # Warm the connection, the caches and the plans.
    for text in HARD:
        timed(text, services.Filters())

    groups = {}
    everything = []
    slowest = []
    drawn = queries(generator.sentences, per_group)
    for size in (1, 2, 3, 4):
        for accents in ("accented", "folded"):
            for name, _label in FILTERS:
                samples = []
                for number, text in enumerate(drawn[size][accents]):
                    filters = filters_for(name, number)
                    for _ in range(runs):
                        ms, found = timed(text, filters)
                        samples.append(ms)
                        slowest.append((ms, text, name, found.count, filters))
                groups[f"{size}|{accents}|{name}"] = _summary(samples)
                everything += samples
                print(
                    f"    {backend}: {size} âm tiết, {accents}, {name}: "
                    f"p50 {groups[f'{size}|{accents}|{name}']['p50']} ms, "
                    f"p95 {groups[f'{size}|{accents}|{name}']['p95']} ms",
                    flush=True,
                )
    results["groups"] = groups
    results["overall"] = _summary(everything)
    slowest.sort(key=lambda item: -item[0])
    results["slowest"] = [[round(item[0], 1), *item[1:4]] for item in slowest[:8]]
    # The three slowest queries again, with every statement logged.
    results["slowest_statements"] = {}
    for _ms, text, name, _count, filters in slowest[:3]:
        calls = CallLog()
        with calls:
            timed(text, filters)
        results["slowest_statements"][f"{text} ({name})"] = calls.calls

    hard = {}
    for label, text, kwargs in [
        *[(text, text, {}) for text in HARD],
        ("công đoàn, trang 10", "công đoàn", {"page": 10}),
        ("công đoàn, sort=date", "công đoàn", {"sort": "date"}),
        ("người lao động, lọc chuyên mục", "người lao động", {"filters": "category"}),
        ("cong doan, lọc khoảng ngày", "cong doan", {"filters": "dates"}),
    ]:
        samples = []
        for number in range(hard_runs):
            name = kwargs.get("filters", "none")
            ms, found = timed(
                text,
                filters_for(name, number),
                kwargs.get("sort", "relevance"),
                kwargs.get("page", 1),
            )
            samples.append(ms)
        hard[label] = {**_summary(samples), "count": found.count, "exact": found.count_exact}
        # One more run with every statement logged: which level of engine.rank costs what.
        log, calls = SqlLog(), CallLog()
        with connection.execute_wrapper(log), calls:
            timed(
                text,
                filters_for(kwargs.get("filters", "none"), 0),
                kwargs.get("sort", "relevance"),
                kwargs.get("page", 1),
            )
        hard[label]["calls"] = calls.calls
        hard[label]["statements"] = [
            [round(ms, 2), sql[:160], [str(p)[:400] for p in params]]
            for sql, params, ms in log.statements
        ]
        print(
            f"    {backend}: {label}: p50 {hard[label]['p50']} ms, p95 {hard[label]['p95']} ms, "
            f"{len(log.statements)} câu SQL",
            flush=True,
        )
    results["hard"] = hard

    # Searchable: index_object of a new item, then search until it is on page 1.
    searchable = []
    for number in range(5):
        title = f"Công đoàn cơ sở mới số {number} tổ chức đối thoại với người lao động"
        document = index.Document(
            title=title,
            url=f"/bench/new/{number}/",
            published_at=timezone.now().replace(microsecond=0) + timedelta(seconds=number),
            text=generator.body(rng),
            categories=[1],
            units=[13],
        )
        started = time.perf_counter()
        index.index_object("bench", ("bench", f"new-{number}", document))
        while True:
            found = services.search("công đoàn", record=False)
            if any(hit.url == document.url for hit in found.hits):
                break
            if time.perf_counter() - started > 10:
                break
        searchable.append((time.perf_counter() - started) * 1000)
    results["searchable"] = _summary(searchable)

    results["load_after"] = _load()
    results["plans"] = _plans(hard)
    Path(output).write_text(json.dumps(results, ensure_ascii=False, indent=1))


def _share_of(query, total):
    from congdoan.search import engine

    condition = engine.Condition(must=query.required)
    return round(100 * engine.count(condition, cap=10**9) / max(1, total), 1)


def _plans(hard):
    """The plan of the slowest statement of each hard case that took more than 20 ms."""
    plans = {}
    for label, figures in hard.items():
        if not figures["statements"]:
            continue
        ms, sql, params = max(figures["statements"], key=lambda s: s[0])
        if ms < 20:
            continue
        plans[label] = {"ms": ms, "sql": sql, "params": params}
    return plans


def _sizes(connection):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            from congdoan.search import fulltext

            name = fulltext.RUM if fulltext.kind(connection) == "rum" else fulltext.GIN
            cursor.execute(
                "SELECT pg_total_relation_size('search_searchentry'), "
                "pg_relation_size('search_searchentry'), "
                "coalesce(pg_relation_size(to_regclass(%s)), 0), "
                "pg_relation_size('search_searchentry_pkey'), "
                "pg_database_size(current_database())",
                [name],
            )
            total, heap, gin, pkey, database = cursor.fetchone()
            return {"total": total, "heap": heap, "gin": gin, "pkey": pkey, "database": database}
    name = Path(connection.settings_dict["NAME"])
    files = {p.name: p.stat().st_size for p in name.parent.glob(name.name + "*")}
    return {"database": sum(files.values()), "files": files}


# --- the orchestrator: one process per backend ----------------------------------------------


def _postgres(action):
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as connection:
        if action == "exists":
            found = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [PG_DATABASE]
            ).fetchone()
            return found is not None
        connection.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
        if action == "create":
            connection.execute(f"CREATE DATABASE {PG_DATABASE}")


def run_backend(backend, items, args):
    reuse = backend == "postgresql" and args.reuse and _postgres("exists")
    with tempfile.TemporaryDirectory(prefix=f"congdoan-bench-search-{backend}-") as var_dir:
        env = {
            **os.environ,
            "CONGDOAN_VAR_DIR": var_dir,
            "CONGDOAN_PROFILE": "development",
            "DJANGO_SETTINGS_MODULE": "congdoan.settings",
            "DEBUG": "0",
            "PYTHONDONTWRITEBYTECODE": "1",
        }
        env.pop("DATABASE_URL", None)
        if backend == "postgresql":
            if not reuse:
                _postgres("create")
            env["DATABASE_URL"] = f"{PG_SERVER}/{PG_DATABASE}"
        output = Path(var_dir) / "results.json"
        command = [
            sys.executable,
            __file__,
            "--worker",
            backend,
            "--output",
            str(output),
            "--items",
            str(items),
            "--runs",
            str(args.runs),
            "--queries",
            str(args.queries),
            "--hard-runs",
            str(args.hard_runs),
        ]
        if args.plan:
            command.append("--plan")
        if reuse:
            command.append("--reuse")
        try:
            subprocess.run(command, env=env, check=True, cwd=ROOT)
            results = json.loads(output.read_text())
            if backend == "postgresql" and results.get("plans"):
                results["explained"] = _explain(results["plans"])
            return results
        finally:
            if backend == "postgresql" and not (args.keep or args.reuse):
                _postgres("drop")


def _explain(plans):
    """EXPLAIN (ANALYZE, BUFFERS) of the slow statements, in a fresh connection."""
    import psycopg

    out = {}
    with psycopg.connect(f"{PG_SERVER}/{PG_DATABASE}", autocommit=True) as connection:
        for label, found in plans.items():
            sql = found["sql"]
            if len(sql) >= 160 or "%s" not in sql:
                continue
            params = [int(p) if p.isdigit() else p for p in found["params"]]
            rows = connection.execute(
                "EXPLAIN (ANALYZE, BUFFERS) " + sql, params, prepare=False
            ).fetchall()
            out[label] = {"sql": sql, "params": found["params"], "plan": [r[0] for r in rows]}
    return out


def _machine():
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} nhân CPU ({cpu}), Python {sys.version.split()[0]}"


def _mb(size):
    from congdoan.core.formatting import format_number as n

    return f"{n(size / 1024 / 1024, 0)} MB"


def print_report(results, args):
    from congdoan.core.formatting import format_number as n

    print()
    print(f"Ngày đo: {datetime.now():%d/%m/%Y %H:%M} – máy: {_machine()}")
    for backend, r in results.items():
        sizes = r["sizes"]
        if r["vendor"] == "postgresql":
            size = (
                f"bảng và chỉ mục {_mb(sizes['total'])} (bảng {_mb(sizes['heap'])}, "
                f"{r.get('fulltext', 'gin').upper()} "
                f"{_mb(sizes['gin'])}, khóa chính {_mb(sizes['pkey'])})"
            )
        else:
            size = f"tệp CSDL {_mb(sizes['database'])} (bảng, FTS5 và WAL)"
        if r.get("reused"):
            indexing = "lập chỉ mục: không (dùng lại CSDL của lần đo trước, --reuse)"
        else:
            indexing = (
                f"thân bài trung bình {n(r['average_body_syllables'], 1)} âm tiết; lập chỉ mục "
                f"{n(r['index_seconds'], 1)} giây ({n(r['items_per_second'])} mục/s)"
            )
        load = " → ".join(
            "/".join(n(x, 2) for x in r[key]) for key in ("load_before", "load_after") if r.get(key)
        )
        print(
            f"{NAMES[backend]} {r['database_version']}: {n(r['items'])} mục, {indexing}, "
            f"ANALYZE {n(r['analyze_seconds'], 1)} giây; {size}. “công đoàn” có trong "
            f"{n(r['share_union'], 1)} % mục, “người lao động” {n(r['share_workers'], 1)} %. "
            f"Tải máy (1/5/15 phút) lúc bắt đầu → cuối phần đo truy vấn: {load}."
        )
    backends = list(results)
    width = 44
    print()
    print(
        f"search(record=False), sort=relevance, trang 1; {args.runs} lần mỗi truy vấn, "
        f"{args.queries} truy vấn mỗi nhóm. Thời gian tính bằng ms."
    )
    header = f"{'Nhóm truy vấn':<{width}}" + "".join(
        f"{'| ' + NAMES[b] + ' p50 / p95':<24}" for b in backends
    )
    print(header)
    print("-" * len(header))

    def cell(figure):
        return f"| {n(figure['p50'], 1):>9} / {n(figure['p95'], 1):>8}  "

    for size in (1, 2, 3, 4):
        for accents, accents_label in (("accented", "có dấu"), ("folded", "không dấu")):
            for name, label in FILTERS:
                key = f"{size}|{accents}|{name}"
                line = f"{f'{size} âm tiết, {accents_label}, {label}':<{width}}"
                print(line + "".join(cell(results[b]["groups"][key]) for b in backends))
    print("-" * len(header))
    print(f"{'Tất cả nhóm':<{width}}" + "".join(cell(results[b]["overall"]) for b in backends))
    print()
    print(
        f"{'Trường hợp khó (số kết quả), ' + str(args.hard_runs) + ' lần':<{width}}"
        + "".join(f"{'| ' + NAMES[b] + ' p50 / p95 / max':<33}" for b in backends)
    )
    print("-" * len(header))

    def hard_cell(figure):
        return cell(figure) + f"/ {n(figure['max'], 1):>7}  "

    for label in results[backends[0]]["hard"]:
        first = results[backends[0]]["hard"][label]
        found = n(first["count"]) + ("" if first["exact"] else "+")
        print(
            f"{f'“{label}” ({found})':<{width}}"
            + "".join(hard_cell(results[b]["hard"][label]) for b in backends)
        )
    print(
        f"{'Tìm thấy sau khi index_object (5 lần)':<{width}}"
        + "".join(cell(results[b]["searchable"]) for b in backends)
    )
    for backend in backends:
        print()
        print(
            f"{NAMES[backend]}: truy vấn chậm nhất (ms, truy vấn, bộ lọc, số kết quả): "
            + "; ".join(
                f"{n(ms, 1)} “{t}” {f} {n(c)}" for ms, t, f, c in results[backend]["slowest"][:5]
            )
        )
    if args.plan:
        for backend in backends:
            for label, figures in results[backend]["hard"].items():
                print()
                print(f"{NAMES[backend]} – “{label}”: các bước (ms)")
                for ms, name, detail in figures.get("calls", []):
                    print(f"  {n(ms, 1):>8}  {name}  {detail}")
            for label, calls in results[backend].get("slowest_statements", {}).items():
                print()
                print(f"{NAMES[backend]} – truy vấn chậm “{label}”: các bước (ms)")
                for ms, name, detail in calls:
                    print(f"  {n(ms, 1):>8}  {name}  {detail}")
            for label, found in results[backend].get("explained", {}).items():
                print()
                print(f"{NAMES[backend]} – “{label}”: EXPLAIN (ANALYZE, BUFFERS)")
                print(f"  {found['sql']}  {found['params']}")
                for line in found["plan"]:
                    print("  " + line)


def verdicts(results):
    from congdoan.core.formatting import format_number as n

    ok = True
    print()
    for backend, r in results.items():
        lines = [
            (
                r["overall"]["p95"] < P95_MS,
                f"p95 mọi nhóm {n(r['overall']['p95'], 1)} ms < {P95_MS} ms",
            )
        ]
        for label, figures in r["hard"].items():
            lines.append(
                (figures["p95"] < P95_MS, f"p95 “{label}” {n(figures['p95'], 1)} ms < {P95_MS} ms")
            )
        worst = r["searchable"]["max"]
        lines.append(
            (
                worst < SEARCHABLE_MS,
                f"tìm thấy mục mới sau {n(worst, 1)} ms (lâu nhất) < {SEARCHABLE_MS} ms",
            )
        )
        for passed, text in lines:
            print(
                f"{NAMES[backend]} ({n(r['items'])} mục): {'PASS' if passed else 'FAIL'} – {text}"
            )
            ok &= passed
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--items-pg", type=int, default=1_000_000)
    parser.add_argument("--items-sqlite", type=int, default=100_000)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--runs", type=int, default=3, help="Số lần chạy mỗi truy vấn.")
    parser.add_argument("--queries", type=int, default=24, help="Số truy vấn mỗi nhóm.")
    # With 10 runs the p95 is the slowest run: one stall of the shared machine decides it.
    parser.add_argument(
        "--hard-runs", type=int, default=40, help="Số lần chạy mỗi trường hợp khó (p95 cần ≥ 20)."
    )
    parser.add_argument("--plan", action="store_true", help="In các câu SQL và kế hoạch.")
    parser.add_argument("--keep", action="store_true", help="Giữ CSDL PostgreSQL sau khi đo.")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="Đo lại CSDL PostgreSQL đã giữ (--keep) mà không lập chỉ mục lại; giữ nó sau khi đo.",
    )
    parser.add_argument("--json", help="Ghi toàn bộ kết quả ra tệp JSON này.")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--output", help=argparse.SUPPRESS)
    parser.add_argument("--items", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(
            args.worker,
            args.items,
            args.runs,
            args.queries,
            args.output,
            args.plan,
            args.reuse,
            args.hard_runs,
        )
        return 0

    started = time.perf_counter()
    results, failed = {}, False
    for backend in args.backends.split(","):
        items = args.items_pg if backend == "postgresql" else args.items_sqlite
        label = f"{items:,}".replace(",", ".")
        print(
            f"{NAMES.get(backend, backend)}: migrate, lập chỉ mục {label} mục, ANALYZE, đo…",
            flush=True,
        )
        try:
            results[backend] = run_backend(backend, items, args)
        except Exception as error:  # report the backend and go on with the next
            print(f"{NAMES.get(backend, backend)}: không đo được – {error!r}", file=sys.stderr)
            failed = True
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1))
    if not results:
        return 1
    print_report(results, args)
    failed |= not verdicts(results)
    print(f"Toàn bộ lần đo: {round(time.perf_counter() - started)} giây.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
