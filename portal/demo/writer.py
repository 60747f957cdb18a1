"""Rows written in batches, without per-row ORM work: COPY on PostgreSQL, bulk_create elsewhere."""

import datetime
import io

from django.db import connection
from django.db.models import Max, Model


class Table:
    """Rows of one model waiting to be written; ids are given here so children can point at them."""

    def __init__(self, model: type[Model], fields: list[str]):
        self.model = model
        self.fields = ["id", *fields]
        self.columns = [model._meta.get_field(name).column for name in self.fields]
        self.rows: list[tuple] = []
        self.next_id = (model.objects.aggregate(last=Max("id"))["last"] or 0) + 1
        self.written = 0

    def add(self, *values) -> int:
        row_id = self.next_id
        self.next_id += 1
        self.rows.append((row_id, *values))
        return row_id


def copy_text(value) -> str:
    """One value in PostgreSQL's COPY text format."""
    if value is None:
        return "\\N"
    if isinstance(value, str):
        if any(char in value for char in "\\\t\n\r"):
            return (
                value.replace("\\", "\\\\")
                .replace("\t", "\\t")
                .replace("\n", "\\n")
                .replace("\r", "\\r")
            )
        return value
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


class Writer:
    """Writes buffered tables in foreign-key order whenever enough rows have piled up."""

    def __init__(self, tables: list[Table], batch_rows: int):
        self.tables = tables
        self.batch_rows = batch_rows
        self.use_copy = connection.vendor == "postgresql"

    def maybe_flush(self) -> bool:
        if sum(len(table.rows) for table in self.tables) < self.batch_rows:
            return False
        self.flush()
        return True

    def flush(self) -> None:
        for table in self.tables:
            if not table.rows:
                continue
            if self.use_copy:
                self.copy(table)
            else:
                table.model.objects.bulk_create(
                    table.model(**dict(zip(table.fields, row, strict=True))) for row in table.rows
                )
            table.written += len(table.rows)
            table.rows = []

    def analyze(self, model: type[Model]) -> None:
        """Fresh planner statistics for one table; ANALYZE sees this transaction's own rows."""
        if not self.use_copy:
            return
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")

    def copy(self, table: Table) -> None:
        buffer = io.StringIO()
        for row in table.rows:
            buffer.write("\t".join(map(copy_text, row)))
            buffer.write("\n")
        quote = connection.ops.quote_name
        sql = (
            f"COPY {quote(table.model._meta.db_table)} "
            f"({', '.join(quote(column) for column in table.columns)}) FROM STDIN"
        )
        with connection.cursor() as cursor:
            raw = cursor.cursor
            if hasattr(raw, "copy_expert"):  # psycopg2
                buffer.seek(0)
                raw.copy_expert(sql, buffer)
            else:  # psycopg 3
                with raw.copy(sql) as copy:
                    copy.write(buffer.getvalue())
