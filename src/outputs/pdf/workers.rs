//! Where PDFs are typeset: a few workers of their own, outside the pool that renders pages.
//!
//! Typst and krilla split their work with rayon. Run as rayon tasks beside one another, a PDF
//! whose Typst waits on its own parallel work lets that thread steal the next PDF, and that one
//! the next: dozens of half-made PDFs stacked on one thread, until the stack overflows (a meeting
//! of a few hundred papers was enough) and all their memory is held at once. So each worker here
//! is a rayon pool of one thread, with a deep stack, that takes one PDF at a time (the lock):
//! Typst's parallel work stays inside that PDF, and nothing else can be stolen. The page
//! renderer's threads only wait on a worker, which never waits on them, so nothing deadlocks.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

/// Stack for a worker: Typst recurses through deeply nested content (lists in lists in tables);
/// the space is reserved, not used, until it is needed.
const STACK_BYTES: usize = 256 * 1024 * 1024;

static WORKERS: OnceLock<Vec<Mutex<Option<rayon::ThreadPool>>>> = OnceLock::new();

/// One worker per core the page renderer uses.
fn workers() -> &'static [Mutex<Option<rayon::ThreadPool>>] {
    WORKERS.get_or_init(|| new_workers(rayon::current_num_threads().max(1)))
}

/// `count` workers, each a rayon pool of one thread with a deep stack.
fn new_workers(count: usize) -> Vec<Mutex<Option<rayon::ThreadPool>>> {
    (0..count)
        .map(|i| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(1)
                .stack_size(STACK_BYTES)
                .thread_name(move |_| format!("boardpack-pdf-{i}"))
                .build()
                .ok();
            Mutex::new(pool)
        })
        .collect()
}

/// Runs `make` on every job, spread over the workers, and gives the results in the jobs' order.
/// Should the system refuse a thread, its jobs are made on the threads it did not refuse.
pub fn each<J: Send, T: Send>(jobs: Vec<J>, make: impl Fn(J) -> T + Sync) -> Vec<T> {
    each_on(workers(), jobs, make)
}

/// [`each`] on the given workers (a test's own, apart from the process's).
fn each_on<J: Send, T: Send>(
    workers: &[Mutex<Option<rayon::ThreadPool>>],
    jobs: Vec<J>,
    make: impl Fn(J) -> T + Sync,
) -> Vec<T> {
    let count = jobs.len();
    let jobs: Vec<Mutex<Option<J>>> = jobs.into_iter().map(|j| Mutex::new(Some(j))).collect();
    let results: Vec<Mutex<Option<T>>> = (0..count).map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let run = || loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        let Some(slot) = jobs.get(i) else { break };
        let Some(job) = take(slot) else { continue };
        let guard = free_worker(workers);
        let made = match guard.as_ref() {
            Some(pool) => pool.install(|| make(job)),
            None => make(job),
        };
        drop(guard);
        *results[i].lock().unwrap_or_else(|p| p.into_inner()) = Some(made);
    };
    // Always from threads of this call's own, even for one job: a rayon worker that handed a job
    // to a pool would steal other work while it waits, lock held, and that work may need the lock.
    std::thread::scope(|scope| {
        for _ in 0..workers.len().min(count) {
            let spawned = std::thread::Builder::new()
                .stack_size(STACK_BYTES)
                .spawn_scoped(scope, run);
            if spawned.is_err() {
                run();
            }
        }
    });
    results
        .into_iter()
        .map(|r| {
            r.into_inner()
                .unwrap_or_else(|p| p.into_inner())
                .expect("every job is made once: the counter hands out each index once")
        })
        .collect()
}

/// Where the next search for a free worker starts, so that waiting calls spread over the workers.
static NEXT_WORKER: AtomicUsize = AtomicUsize::new(0);

/// A worker no one is using, or, when all are busy, one in turn to wait for. Calls of [`each`] run at
/// once from the page renderer's threads, often with one job each (`check` makes only the packs): a
/// fixed first worker would make them all queue for it while the others idle.
fn free_worker(
    workers: &[Mutex<Option<rayon::ThreadPool>>],
) -> std::sync::MutexGuard<'_, Option<rayon::ThreadPool>> {
    let start = NEXT_WORKER.fetch_add(1, Ordering::Relaxed) % workers.len();
    for k in 0..workers.len() {
        match workers[(start + k) % workers.len()].try_lock() {
            Ok(guard) => return guard,
            Err(std::sync::TryLockError::Poisoned(poisoned)) => return poisoned.into_inner(),
            Err(std::sync::TryLockError::WouldBlock) => {}
        }
    }
    workers[start]
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn take<J>(slot: &Mutex<Option<J>>) -> Option<J> {
    slot.lock().unwrap_or_else(|p| p.into_inner()).take()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_the_jobs_order() {
        let out = each((0..100).collect(), |n: u64| n * n);
        assert_eq!(out, (0..100).map(|n| n * n).collect::<Vec<_>>());
    }

    /// The page renderer calls from its rayon threads, many meetings at once, each with a few PDFs.
    #[test]
    fn calls_from_rayon_threads_at_once_all_finish() {
        use rayon::prelude::*;
        let sums: Vec<u64> = (0..64u64)
            .into_par_iter()
            .map(|m| {
                each(vec![m], |n: u64| {
                    (0..1_000u64).into_par_iter().map(|x| x * n).sum::<u64>()
                })[0]
            })
            .collect();
        assert_eq!(sums.len(), 64);
        assert_eq!(sums[2], 2 * (0..1_000u64).sum::<u64>());
    }

    /// Two calls of one job each, at once, are made on two workers (a bug put both on the first):
    /// each job waits for the other to start, which only happens if they run side by side.
    #[test]
    fn calls_of_one_job_each_run_side_by_side() {
        // Workers of its own: the process's are shared with the other tests, whose typesetting may
        // hold one while this test's two jobs wait on each other.
        let workers = new_workers(2);
        let (a_started, a_seen) = std::sync::mpsc::channel::<()>();
        let (b_started, b_seen) = std::sync::mpsc::channel::<()>();
        // Receivers are not shared between threads as they are: each behind a lock of its own.
        let (a_seen, b_seen) = (Mutex::new(a_seen), Mutex::new(b_seen));
        // Long enough for a loaded machine; the bug this catches waits it out whole.
        let wait = std::time::Duration::from_secs(60);
        let (a, b) = std::thread::scope(|scope| {
            let a = scope.spawn(|| {
                each_on(&workers, vec![()], |()| {
                    let _ = a_started.send(());
                    b_seen.lock().unwrap().recv_timeout(wait).is_ok()
                })
            });
            let b = scope.spawn(|| {
                each_on(&workers, vec![()], |()| {
                    let _ = b_started.send(());
                    a_seen.lock().unwrap().recv_timeout(wait).is_ok()
                })
            });
            (a.join().unwrap(), b.join().unwrap())
        });
        assert!(a[0] && b[0], "the two jobs ran one after the other");
    }

    #[test]
    fn a_job_may_use_rayon_inside_without_stealing_another_job() {
        use rayon::prelude::*;
        let depth = AtomicUsize::new(0);
        let deepest = AtomicUsize::new(0);
        let out = each((0..40).collect(), |n: u64| {
            let d = depth.fetch_add(1, Ordering::SeqCst) + 1;
            deepest.fetch_max(d, Ordering::SeqCst);
            let sum: u64 = (0..10_000u64).into_par_iter().map(|x| x % (n + 1)).sum();
            depth.fetch_sub(1, Ordering::SeqCst);
            sum
        });
        assert_eq!(out.len(), 40);
        assert!(
            deepest.load(Ordering::SeqCst) <= workers().len(),
            "jobs nested on a thread"
        );
    }
}
