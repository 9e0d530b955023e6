"""The query catalogue: the only reader of ``.rq`` files, parameter binding and query results."""
