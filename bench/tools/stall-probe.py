#!/usr/bin/env python3
"""How long the machine's CPUs stop running a busy process: one busy loop per core, each reading
the clock as fast as it can; a gap of more than --threshold-ms between two readings is time the
loop did not run (the host descheduled the virtual CPU, or something else ran on the core). Run it
on an otherwise idle machine before and after a benchmark: stalls add to every server's tail
latency alike. Prints, as its last lines, the worst core's figures as `name: value unit`."""
import argparse
import multiprocessing
import os
import time


def probe(seconds, threshold, out):
    end = time.perf_counter() + seconds
    last = time.perf_counter()
    gaps = []
    while True:
        now = time.perf_counter()
        if now > end:
            break
        if now - last > threshold:
            gaps.append(now - last)
        last = now
    out.put(gaps)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--threshold-ms", type=float, default=1.0)
    parser.add_argument("--processes", type=int, default=os.cpu_count())
    args = parser.parse_args()
    out = multiprocessing.Queue()
    workers = [multiprocessing.Process(target=probe, args=(args.seconds, args.threshold_ms / 1000, out))
               for _ in range(args.processes)]
    for w in workers:
        w.start()
    results = [out.get() for _ in workers]
    for w in workers:
        w.join()
    for i, gaps in enumerate(results):
        print(f"loop {i}: {len(gaps)} gaps > {args.threshold_ms:g} ms, {sum(gaps) * 1000:.0f} ms in all,"
              f" longest {max(gaps, default=0) * 1000:.1f} ms")
    per_10s = 10 / args.seconds
    print(f"stalled_ms_per_10s_worst_core: {max(sum(g) for g in results) * 1000 * per_10s:.0f} ms")
    print(f"longest_stall: {max((max(g, default=0) for g in results)) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
