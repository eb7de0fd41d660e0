"""Bringing a subscriber database made by an earlier CoderMatch up to the present schema.

Earlier, the jobs each digest carried lived in a table of their own, `sent_jobs`; now the
digest log's row holds them (`job_ids`), and a subscriber's last digest is read from the log.
Opening such a database moves the jobs into the log, once, in one transaction, and drops the
old table, so nobody is sent a job twice across the upgrade.
"""

from __future__ import annotations

import logging
from collections import defaultdict

import sqlalchemy as sa

log = logging.getLogger(__name__)


def upgrade(engine: sa.Engine, digest_log: sa.Table) -> None:
    """Add `job_ids` to an earlier digest log and fill it from `sent_jobs`; nothing if done."""
    inspector = sa.inspect(engine)
    if "job_ids" in {column["name"] for column in inspector.get_columns(digest_log.name)}:
        return
    json_type = "JSONB" if engine.dialect.name == "postgresql" else "JSON"
    add_column = (
        f"ALTER TABLE {digest_log.name} ADD COLUMN job_ids {json_type} NOT NULL DEFAULT '[]'"
    )
    with engine.begin() as connection:
        connection.execute(sa.text(add_column))
        if not inspector.has_table("sent_jobs"):
            return
        sent: defaultdict[tuple[int, str], list[str]] = defaultdict(list)
        rows = connection.execute(
            sa.text("SELECT subscriber_id, week, job_id FROM sent_jobs ORDER BY sent_at, job_id")
        )
        for subscriber_id, week, job_id in rows:
            sent[subscriber_id, week].append(job_id)
        fill = (
            sa.update(digest_log)
            .where(
                digest_log.c.subscriber_id == sa.bindparam("digest_subscriber"),
                digest_log.c.week == sa.bindparam("digest_week"),
            )
            .values(job_ids=sa.bindparam("sent_job_ids"))
        )
        for (subscriber_id, week), job_ids in sent.items():
            connection.execute(
                fill,
                {"digest_subscriber": subscriber_id, "digest_week": week, "sent_job_ids": job_ids},
            )
        connection.execute(sa.text("DROP TABLE sent_jobs"))
    log.info("the digest log now holds the jobs of %d digests sent before", len(sent))
