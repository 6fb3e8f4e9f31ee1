"""Matrix products of the statistical components: numpy's BLAS instead of blis.

thinc multiplies matrices with blis by default. For the shapes of a small English pipeline (a
few hundred token rows times 96 to 288 columns) numpy's bundled OpenBLAS does the same product
in about a third of the time on the machines measured (``benchmarks/speed.py``), and tok2vec,
which is mostly such products, is the largest part of the parse. The products are the same up to
the order of float additions; the tags, heads, dependencies and lemmas of the seeds are
identical token for token to stock spaCy's (``tests/model/test_matrix.py``), and so were the
entities and parses of the sources and test texts in a one-off check.

The transition parser's own step loop keeps blis: it is Cython code with its own BLAS pointer.

OpenBLAS may start a thread per core for one product. remit spreads work over cores with
processes (``--n-process``), so the command line asks for one BLAS thread per process
(:func:`one_blas_thread_by_default`, before numpy is imported) and each worker process limits
itself to one (:func:`limit_blas_threads` when forked with numpy loaded, the environment
variable when spawned). Python code that imports remit keeps its own setting, except that
importing ``remit.cli`` sets the variable for the process if unset. On macOS numpy may use
Accelerate, which reads no such variable.
"""

from __future__ import annotations

import os

# Read by OpenBLAS when numpy loads it.
THREADS_VARIABLE = "OPENBLAS_NUM_THREADS"


def use_numpy_gemm(nlp) -> int:
    """Make the thinc models of ``nlp`` multiply with numpy, not blis; return the nodes changed.

    Only CPU models that use blis are changed; GPU models and others are left alone.
    """
    from thinc.api import NumpyOps

    numpy_ops = NumpyOps(use_blis=False)
    changed = 0
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if type(node.ops) is NumpyOps and node.ops.use_blis:
                node.ops = numpy_ops
                changed += 1
    return changed


def one_blas_thread_by_default() -> None:
    """Ask for one BLAS thread per process unless the user set a number (call before numpy)."""
    os.environ.setdefault(THREADS_VARIABLE, "1")


def limit_blas_threads(threads: int = 1):
    """Limit the BLAS libraries already loaded in this process to ``threads`` threads.

    Returns threadpoolctl's limiter; its ``restore_original_limits()`` undoes the limit.
    """
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=threads, user_api="blas")
