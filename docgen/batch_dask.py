"""dask.distributed glue for ``docgen batch --engine dask`` (imported only when that engine is used)."""

from __future__ import annotations

from distributed import WorkerPlugin

from docgen.batch_engines import warm_worker

__all__ = ["WarmPlugin"]


class WarmPlugin(WorkerPlugin):
    """Load the parser's models once on every worker, as it starts or joins."""

    name = "docgen-warm"

    def __init__(self, models_dir: str | None = None):
        self.models_dir = models_dir

    def setup(self, worker) -> None:  # noqa: ANN001 - distributed.Worker
        warm_worker(self.models_dir, ignore_sigint=False)
