"""Querysets compiled to SQL once per database connection, then re-run with new values.

Django builds and compiles a queryset's SQL every time it is evaluated. For the
small, fixed queries of a public page that costs more than running them (on the
article page about 0.8 ms of Python per query against 0.3 ms for the round
trip). A `PreparedQuery` describes such a query once, as an ordinary queryset
over named values; the first use on a connection compiles it with stand-in
values, notes where each value lands among the SQL parameters, and later uses
only swap in the real values, execute, and convert the rows exactly as the ORM
would (the same database converters, the same `from_db` instances).

Named values are integers, strings, aware datetimes, or lists of strings for
an `__in` filter. A list's SQL has one parameter per item, so lists are padded
to the next power of two by repeating their last item (which changes nothing
in an `IN`) and each padded length is compiled once.
"""

import datetime
import itertools
import threading

from django.db import DEFAULT_DB_ALIAS, connections

STR_LIST = "list of str"
KINDS = (int, str, datetime.datetime, STR_LIST)

_stand_in_numbers = itertools.count(-1_987_654_321, -1)


def _stand_in(kind):
    """A value that no real parameter equals, of the kind the filter expects."""
    number = next(_stand_in_numbers)
    if kind is int:
        return number
    if kind is str:
        return f"\x00prepared-query-{-number}\x00"
    if kind is datetime.datetime:
        return datetime.datetime(1901, 1, 1, tzinfo=datetime.UTC) + datetime.timedelta(seconds=-number)
    raise AssertionError(kind)


def _as_parameter(value, kind, connection):
    """`value` as the ORM hands it to the database driver for a filter on a field of this kind."""
    if kind is datetime.datetime:
        return connection.ops.adapt_datetimefield_value(value)
    return kind(value)


def _padded_length(length):
    return 0 if length == 0 else 1 << (length - 1).bit_length()


def _hashable(value):
    try:
        hash(value)
    except TypeError:
        return False
    return True


class _Compiled:
    """One query's SQL, where each named value goes, and how rows become results."""

    def __init__(self, query, list_lengths, connection, alias):
        # Stand-ins: one per value, one per list item. `places` maps each stand-in's
        # parameter form to (name, index in the list or None).
        stand_ins, places = {}, {}
        for name, kind in query.kinds.items():
            if kind == STR_LIST:
                items = [_stand_in(str) for _ in range(list_lengths[name])]
                stand_ins[name] = items
                places.update({item: (name, index) for index, item in enumerate(items)})
            else:
                stand_ins[name] = _stand_in(kind)
                places[_as_parameter(stand_ins[name], kind, connection)] = (name, None)
        queryset = query.build(**stand_ins)
        compiler = queryset.query.get_compiler(using=alias)
        self.sql, parameters = compiler.as_sql()
        # Each parameter is a named value (name, index) or a constant of the query (None, value).
        self.slots = [
            places.get(parameter, (None, parameter)) if _hashable(parameter) else (None, parameter)
            for parameter in parameters
        ]
        unused = set(places.values()) - {slot for slot in self.slots if slot[0] is not None}
        if unused:
            names = ", ".join(sorted({name for name, _ in unused}))
            raise ValueError(f"PreparedQuery values that are not filter parameters: {names}")
        self.compiler = compiler
        self.converters = compiler.get_converters([column for column, _, _ in compiler.select])
        if queryset._fields is not None or not compiler.klass_info:
            # A .values() queryset: rows become dicts.
            self.model = None
            self.names = [alias for _, _, alias in compiler.select]
        else:
            self.model = queryset.model
            fields = compiler.klass_info["select_fields"]
            self.model_columns = slice(fields[0], fields[-1] + 1)
            self.init_list = [column.target.attname for column, _, _ in compiler.select[self.model_columns]]
            self.annotations = list(compiler.annotation_col_map.items())

    def parameters(self, values, kinds, connection):
        parameters = []
        for name, place in self.slots:
            if name is None:
                parameters.append(place)
            elif place is None:
                parameters.append(_as_parameter(values[name], kinds[name], connection))
            else:
                items = values[name]
                parameters.append(str(items[min(place, len(items) - 1)]))
        return parameters

    def results(self, using, rows):
        if self.converters:
            rows = self.compiler.apply_converters(rows, self.converters)
        if self.model is None:
            return [dict(zip(self.names, row, strict=True)) for row in rows]
        instances = []
        for row in rows:
            instance = self.model.from_db(using, self.init_list, row[self.model_columns])
            for name, position in self.annotations:
                setattr(instance, name, row[position])
            instances.append(instance)
        return instances


class PreparedQuery:
    """A queryset over named values, compiled once per connection.

    `build(**values)` returns the queryset; `kinds` gives each value's kind
    (int, str, datetime.datetime or STR_LIST). `rows(**values)` runs it and
    returns what `list(build(**values))` would: model instances, or dicts for
    a `.values()` queryset.
    """

    def __init__(self, build, **kinds):
        for name, kind in kinds.items():
            if kind not in KINDS:
                raise TypeError(f"PreparedQuery value {name!r}: kind must be one of {KINDS}, not {kind!r}.")
        self.build = build
        self.kinds = kinds
        self._compiled = {}
        self._lock = threading.Lock()

    def _compiled_for(self, alias, connection, values):
        list_lengths = {
            name: _padded_length(len(values[name])) for name, kind in self.kinds.items() if kind == STR_LIST
        }
        # Connections belong to one thread; the compiled query keeps its connection's converters.
        key = (alias, id(connection), connection.settings_dict["NAME"], tuple(sorted(list_lengths.items())))
        compiled = self._compiled.get(key)
        if compiled is None:
            with self._lock:
                compiled = self._compiled[key] = _Compiled(self, list_lengths, connection, alias)
        return compiled

    def rows(self, using=DEFAULT_DB_ALIAS, **values):
        connection = connections[using]
        compiled = self._compiled_for(using, connection, values)
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, compiled.parameters(values, self.kinds, connection))
            rows = cursor.fetchall()
        return compiled.results(using, rows)
