"""The open jobs' filter columns in memory, for counting and facets without scanning SQL rows.

Search must count every match and every facet under the other filters. Evaluating that row by
row in SQL costs microseconds a row; the same conditions over NumPy arrays of the open coding
jobs cost microseconds for the whole set. `SearchColumns` is loaded from the store's rows,
answers which positions pass each filter, and is thrown away whenever the store changes.

What the credential, setting and arrangement filters and the facets read (required groups,
settings, the credentials facet's mask, arrangement) is held as the few hundred distinct
combinations the jobs share, their kinds (`JobKinds`): those filters are judged a kind, the
jobs the other filters keep are counted a kind once, and each facet adds up those counts.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

ARRANGEMENTS = ("remote", "hybrid", "onsite")
_MILES_PER_DEGREE = 69.0
_EPOCH = date(1970, 1, 1)

Mask = npt.NDArray[np.bool_]
KindMask = npt.NDArray[np.bool_]  # one entry a kind of `JobKinds`
Counts = npt.NDArray[np.int64]  # jobs a kind


@dataclass(frozen=True)
class KindBits:
    """A bit-mask column of the kinds, as its few distinct values and each kind's."""

    values: npt.NDArray[np.int64]
    of_kind: npt.NDArray[np.intp]

    @classmethod
    def of(cls, masks: npt.NDArray[np.int64]) -> KindBits:
        values, of_kind = np.unique(masks, return_inverse=True)
        return cls(values, of_kind.reshape(-1))

    def sharing(self, bits: int) -> KindMask:
        """Kinds whose mask shares a bit with `bits`."""
        return ((self.values & bits) != 0).take(self.of_kind)

    def count_bits(self, counts: Counts, bits: Sequence[int]) -> list[int]:
        """For each bit, the counted jobs of the kinds whose mask has it."""
        per_value = np.bincount(self.of_kind, weights=counts, minlength=len(self.values))
        has_bit = (self.values[:, np.newaxis] & np.array(bits, dtype=np.int64)) != 0
        return [round(count) for count in (per_value @ has_bit).tolist()]


@dataclass(frozen=True)
class JobKinds:
    """The distinct combinations of what the credential, setting and arrangement filters
    read (kinds), and each job's kind."""

    groups: npt.NDArray[np.int64]  # a row a required group: the credentials meeting it, a kind
    settings: KindBits  # the settings of each kind
    single: KindBits  # the credentials whose holder alone meets each kind
    arrangement: npt.NDArray[np.int64]  # index into ARRANGEMENTS, -1 where unstated
    of_job: npt.NDArray[np.intp]  # each job's kind

    @classmethod
    def of(
        cls,
        groups: npt.NDArray[np.int64],
        settings: npt.NDArray[np.int64],
        single: npt.NDArray[np.int64],
        arrangement: npt.NDArray[np.int64],
    ) -> JobKinds:
        """Kinds from the jobs' columns (`groups`: a row a job, a column a group)."""
        table = np.column_stack([groups, settings, single, arrangement]).astype(np.int64)
        kinds, of_job = np.unique(table, axis=0, return_inverse=True)
        width = groups.shape[1]
        return cls(
            groups=np.ascontiguousarray(kinds[:, :width].T),
            settings=KindBits.of(kinds[:, width]),
            single=KindBits.of(kinds[:, width + 1]),
            arrangement=kinds[:, width + 2],
            of_job=of_job.reshape(-1),
        )

    def met_by(self, held_bits: int) -> KindMask:
        """Kinds whose every required group one of the held credentials meets."""
        return np.logical_and.reduce((self.groups & held_bits) != 0, axis=0)

    def in_settings(self, setting_bits: int) -> KindMask:
        return self.settings.sharing(setting_bits)

    def arranged(self, arrangement: str) -> KindMask:
        if arrangement not in ARRANGEMENTS:
            return np.zeros(len(self.arrangement), dtype=np.bool_)
        return self.arrangement == ARRANGEMENTS.index(arrangement)

    def jobs(self, kinds: KindMask) -> Mask:
        """The jobs of these kinds."""
        return kinds.take(self.of_job)

    def counted(self, mask: Mask) -> Counts:
        """How many masked jobs each kind has."""
        return np.bincount(np.compress(mask, self.of_job), minlength=len(self.arrangement))

    def count_arrangements(self, counts: Counts) -> list[int]:
        """For each of ARRANGEMENTS, the counted jobs arranged so."""
        per_arrangement = np.bincount(
            self.arrangement + 1, weights=counts, minlength=len(ARRANGEMENTS) + 1
        )
        return [round(count) for count in per_arrangement[1:].tolist()]


@dataclass(frozen=True)
class SearchColumns:
    """One array a filter column, position i being the job with `rowids[i]` (ascending)."""

    rowids: npt.NDArray[np.int64]
    entry_level: Mask
    min_experience: npt.NDArray[np.int64]  # -1 where unstated
    is_remote: Mask
    latitude: npt.NDArray[np.float64]  # NaN where unknown
    longitude: npt.NDArray[np.float64]
    places: npt.NDArray[np.float64]  # the distinct (latitude, longitude) pairs
    place_of_job: npt.NDArray[np.intp]  # each job's row in `places`
    pay_top: npt.NDArray[np.float64]  # NaN where unstated
    day: npt.NDArray[np.int64]  # posted (or first seen) as days since 1970
    kinds: JobKinds

    @classmethod
    def from_rows(cls, rows: Sequence[Sequence[object]], group_count: int) -> SearchColumns:
        """Columns from rows of (rowid, entry_level, min_experience, is_remote, latitude,
        longitude, pay_top, day (ISO date), settings_mask, single_mask, arrangement, g1...)."""
        size = len(rows)

        def column(index: int, dtype: type, missing: object = 0) -> npt.NDArray:
            values = (missing if row[index] is None else row[index] for row in rows)
            return np.fromiter(values, dtype=dtype, count=size)

        days = ((date.fromisoformat(str(row[7])) - _EPOCH).days if row[7] else 0 for row in rows)
        arrangements = (
            ARRANGEMENTS.index(str(row[10])) if row[10] in ARRANGEMENTS else -1 for row in rows
        )
        groups = np.array(
            [column(11 + offset, np.int64) for offset in range(group_count)], dtype=np.int64
        ).reshape(group_count, size)
        latitude = column(4, np.float64, math.nan)
        longitude = column(5, np.float64, math.nan)
        places, place_of_job = np.unique(
            np.column_stack([latitude, longitude]), axis=0, return_inverse=True
        )
        return cls(
            rowids=column(0, np.int64),
            entry_level=column(1, np.bool_),
            min_experience=column(2, np.int64, -1),
            is_remote=column(3, np.bool_),
            latitude=latitude,
            longitude=longitude,
            places=places,
            place_of_job=place_of_job.reshape(-1),
            pay_top=column(6, np.float64, math.nan),
            day=np.fromiter(days, dtype=np.int64, count=size),
            kinds=JobKinds.of(
                groups.T,
                column(8, np.int64),
                column(9, np.int64),
                np.fromiter(arrangements, dtype=np.int64, count=size),
            ),
        )

    def __len__(self) -> int:
        return len(self.rowids)

    def with_rowids(self, wanted: npt.NDArray[np.int64]) -> Mask:
        """The jobs among `wanted` rowids (full-text matches, closed jobs among them)."""
        mask = np.zeros(len(self), dtype=np.bool_)
        if len(self) == 0 or len(wanted) == 0:
            return mask
        positions = np.searchsorted(self.rowids, wanted)
        inside = positions < len(self)
        positions = positions[inside]
        found = self.rowids[positions] == wanted[inside]
        mask[positions[found]] = True
        return mask

    def needing_at_most(self, years: int) -> Mask:
        """Jobs requiring at most `years` of experience (unstated counts as none)."""
        return self.min_experience <= years

    def within(self, latitude: float, longitude: float, radius_miles: float) -> Mask:
        """Remote jobs, and others within the radius (equirectangular: close enough here)."""
        stretch = math.cos(math.radians(latitude))
        north = self.places[:, 0] - latitude
        east = (self.places[:, 1] - longitude) * stretch
        reach = (radius_miles / _MILES_PER_DEGREE) ** 2
        with np.errstate(invalid="ignore"):
            near = (north * north + east * east) <= reach
        return self.is_remote | near.take(self.place_of_job)

    def paying_at_least(self, minimum: float) -> Mask:
        """Jobs whose pay tops out at the minimum or more, and those that state none."""
        with np.errstate(invalid="ignore"):
            return np.isnan(self.pay_top) | (self.pay_top >= minimum)

    def posted_since(self, since: date) -> Mask:
        return self.day >= (since - _EPOCH).days

    def newest_first(
        self, mask: Mask, skip: int, take: int, *, first: Mask | None = None
    ) -> list[int]:
        """Rowids of a page of masked jobs, newest posted first (ties: newest stored first);
        jobs in `first` (the words found in the title: relevance) ahead of all others."""
        positions = np.flatnonzero(mask)
        keys = self.day[positions] * (1 << 32) + self.rowids[positions]
        if first is not None:
            keys = keys + first[positions].astype(np.int64) * (1 << 62)
        return _top(positions, -keys, skip, take, self.rowids)

    def best_paid_first(self, mask: Mask, skip: int, take: int) -> list[int]:
        """Rowids of a page of masked jobs, highest pay first, unstated pay last."""
        positions = np.flatnonzero(mask)
        pay = np.nan_to_num(self.pay_top[positions], nan=-1.0)
        keys = pay * 1e6 + self.day[positions] / 1e5
        return _top(positions, -keys, skip, take, self.rowids)


def _top(
    positions: npt.NDArray[np.int64],
    keys: npt.NDArray,
    skip: int,
    take: int,
    rowids: npt.NDArray[np.int64],
) -> list[int]:
    """The rowids of positions ranked `skip` to `skip + take` by ascending key."""
    wanted = skip + take
    if wanted < len(positions):
        nearest = np.argpartition(keys, wanted - 1)[:wanted]
        order = nearest[np.argsort(keys[nearest], kind="stable")]
    else:
        order = np.argsort(keys, kind="stable")
    return [int(rowids[position]) for position in positions[order[skip:wanted]]]
