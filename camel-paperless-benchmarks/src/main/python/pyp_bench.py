"""pypaperless contender of the side-by-side benchmarks (run by Harness.java, public pypaperless API only).

usage: pyp_bench.py URL TOKEN iterate PAGE_SIZE [MAX [WORK_US]] | upload N BYTES CONC | download | bigupload FILE
       | ingest DIR CONC (IngestBench: upload every file of DIR, CONC at once, and wait for each task as the docs show)
Prints one line: RESULT {json}. Peak RSS is reset (/proc/self/clear_refs) after initialize() and a warm-up.
"""
import asyncio, importlib.metadata, json, os, resource, sys, time

from pypaperless import PaperlessClient


def reset_rss():
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


def peak_rss_kb():
    with open("/proc/self/status") as f:
        return next(int(l.split()[1]) for l in f if l.startswith("VmHWM:"))


async def iterate(p, page_size, limit=None, work_us=0):
    n = check = 0
    async for page in p.documents.pages(page_size=page_size):
        for d in page:
            if work_us:
                time.sleep(work_us / 1e6)  # work per document, as the Java contenders do (parkNanos)
            n += 1
            check += d.id + len(d.content or "")
        if limit and n >= limit:
            break
    return n, check


async def upload_one(p, body, i):
    draft = p.documents.create(document=body, filename=f"bench-{i}.txt", title=f"bench {i}")
    return await p.documents.save(draft)


async def upload(p, n, body, conc):
    sem = asyncio.Semaphore(conc)

    async def one(i):
        async with sem:
            return await upload_one(p, body, i)

    results = await asyncio.gather(*(one(i) for i in range(n)))
    ok = sum(1 for r in results if r)
    return ok, ok


async def ingest_one(p, path):
    """Upload one file and wait for its task the way pypaperless' docs show (sleep 2 s, ask again)."""
    with open(path, "rb") as f:
        body = f.read()
    draft = p.documents.create(document=body, filename=os.path.basename(path))
    task_id = await p.documents.save(draft)
    while True:
        await asyncio.sleep(2)
        task = await p.tasks(task_id)
        if task.status in ("success", "failure", "revoked", "SUCCESS", "FAILURE", "REVOKED"):
            return str(task.status).lower() == "success"


async def ingest(p, folder, conc):
    sem = asyncio.Semaphore(conc)
    paths = sorted(os.path.join(folder, n) for n in os.listdir(folder))

    async def one(path):
        async with sem:
            try:
                return await ingest_one(p, path)
            except Exception as e:  # a failed upload: counted, the others go on
                print("failed", path, e, file=sys.stderr)
                return False

    results = await asyncio.gather(*(one(x) for x in paths))
    ok = sum(1 for r in results if r)
    return ok, len(results) - ok


async def download(p, doc_id):
    d = await p.documents.download(doc_id, original=True)
    size = len(d.content or b"")
    return size, size


async def bigupload(p, path):
    with open(path, "rb") as f:
        body = f.read()
    await upload_one(p, body, 0)
    return len(body), len(body)


async def main():
    url, token, scenario, *a = sys.argv[1:]
    async with PaperlessClient(url, token, timeout=600) as p:
        if scenario == "iterate":
            limit = int(a[1]) if len(a) > 1 else None
            work = int(a[2]) if len(a) > 2 else 0
            await iterate(p, int(a[0]), limit=min(20000, limit or 20000), work_us=work)
            run = lambda: iterate(p, int(a[0]), limit=limit, work_us=work)
        elif scenario == "upload":
            body = b"x" * int(a[1])
            await upload(p, min(200, int(a[0])), body, int(a[2]))
            run = lambda: upload(p, int(a[0]), body, int(a[2]))
        elif scenario == "ingest":
            reset_rss()
            cpu0 = resource.getrusage(resource.RUSAGE_SELF)
            t0 = time.perf_counter()
            ok, failed = await ingest(p, a[0], int(a[1]))
            dt = time.perf_counter() - t0
            cpu1 = resource.getrusage(resource.RUSAGE_SELF)
            cpu = cpu1.ru_utime + cpu1.ru_stime - cpu0.ru_utime - cpu0.ru_stime
            print("RESULT " + json.dumps({"ok": ok, "failed": failed, "seconds": dt, "cpuSeconds": cpu,
                                          "peakRssKb": peak_rss_kb(),
                                          "failures": "" if failed == 0 else f"{failed} failed (the file stays)"}))
            return
        elif scenario == "bigupload":
            # pypaperless uploads bytes only (its draft refuses file objects): the file is read into memory
            path = a[0]
            run = lambda: bigupload(p, path)
        else:
            run = lambda: download(p, 1)
        reset_rss()
        t0 = time.perf_counter()
        items, check = await run()
        dt = time.perf_counter() - t0
    print("RESULT " + json.dumps({"contender": "pypaperless", "version": importlib.metadata.version("pypaperless"),
                                  "scenario": scenario, "items": items, "check": check, "seconds": dt,
                                  "perSecond": items / dt, "peakRssKb": peak_rss_kb(), "peakHeapKb": -1}))


asyncio.run(main())
