"""What the stand-in map of the Drôme shows besides the places: its frame, rivers and labels.

The rivers are approximate courses, polylines through points on or beside each river read
off public maps of the Rhône valley (the towns on its banks, the confluences), good to a
kilometre or two: enough to tell a visitor which side of the Rhône a town is on and to
follow the Drôme and the Isère inland, never a survey. The map says so on its face. A real
map a curator drops in replaces all of this.

Standard library only; the drawing is kiosk/tools/standin_map.py.
"""

from __future__ import annotations

from dataclasses import dataclass

LatLon = tuple[float, float]


@dataclass(frozen=True)
class River:
    """A river's course from upstream to downstream, the width of its line at full map size,
    and where its name is written (the label's centre)."""

    name: str
    course: tuple[LatLon, ...]
    width: int
    label_at: LatLon


SOUTH, NORTH = 44.05, 45.45
"""Latitudes of the map's bottom and top edges: the Drôme (44.1 to 45.4) with a margin."""

CENTRE_LONGITUDE = 5.05
"""The map is centred on this meridian; its width follows from the size and the scale."""

SIZE = (2400, 1800)
"""Width and height in pixels: 4:3, like the photo area of a landscape or portrait screen."""

RIVERS: tuple[River, ...] = (
    River(
        "Rhône",
        (
            (45.46, 4.770),  # Condrieu
            (45.37, 4.755),  # Saint-Pierre-de-Bœuf
            (45.32, 4.765),  # Serrières
            (45.29, 4.800),  # Saint-Rambert-d'Albon, on the left bank
            (45.25, 4.805),  # Andancette
            (45.18, 4.815),  # Saint-Vallier
            (45.07, 4.835),  # Tain-l'Hermitage and Tournon
            (45.01, 4.845),  # La Roche-de-Glun
            (44.985, 4.855),  # the Isère flows in
            (44.93, 4.880),  # Valence
            (44.89, 4.870),  # Soyons
            (44.80, 4.790),  # La Voulte-sur-Rhône
            (44.767, 4.785),  # the Drôme flows in
            (44.75, 4.760),  # Le Pouzin
            (44.66, 4.765),  # Cruas
            (44.58, 4.710),  # Rochemaure
            (44.545, 4.690),  # Le Teil, facing Montélimar
            (44.48, 4.690),  # Viviers
            (44.44, 4.705),  # Donzère
            (44.37, 4.655),  # Bourg-Saint-Andéol, west of Pierrelatte
            (44.26, 4.650),  # Pont-Saint-Esprit
            (44.20, 4.710),  # Mornas
            (44.11, 4.745),  # Caderousse, where the Eygues flows in
            (44.04, 4.780),  # Roquemaure
        ),
        9,
        (44.86, 4.74),
    ),
    River(
        "Isère",
        (
            (45.19, 5.720),  # Grenoble
            (45.29, 5.630),  # Voreppe
            (45.30, 5.490),  # Tullins
            (45.21, 5.410),  # Vinay
            (45.15, 5.320),  # Saint-Marcellin
            (45.07, 5.250),  # Saint-Nazaire-en-Royans
            (45.07, 5.130),  # Saint-Paul-lès-Romans
            (45.04, 5.050),  # Romans-sur-Isère and Bourg-de-Péage
            (45.01, 4.940),  # Châteauneuf-sur-Isère
            (44.998, 4.880),  # Pont-de-l'Isère
            (44.985, 4.855),  # into the Rhône
        ),
        6,
        (45.11, 5.19),
    ),
    River(
        "Drôme",
        (
            (44.52, 5.600),  # towards its source
            (44.62, 5.450),  # Luc-en-Diois
            (44.752, 5.365),  # Die
            (44.765, 5.265),  # Pontaix
            (44.697, 5.195),  # Saillans
            (44.720, 5.060),  # Aouste-sur-Sye
            (44.727, 5.020),  # Crest
            (44.750, 4.910),  # Allex
            (44.762, 4.835),  # between Livron and Loriol
            (44.767, 4.785),  # into the Rhône
        ),
        5,
        (44.685, 5.115),
    ),
    River(
        "Roubion",
        (
            (44.60, 5.180),  # above Bourdeaux
            (44.585, 5.130),  # Bourdeaux
            (44.590, 5.000),  # Pont-de-Barret
            (44.570, 4.870),  # La Laupie
            (44.555, 4.760),  # Montélimar
            (44.540, 4.700),  # into the Rhône
        ),
        3,
        (44.615, 4.93),
    ),
    River(
        "Eygues",
        (
            (44.40, 5.600),  # towards its source, in the Hautes-Alpes
            (44.41, 5.360),  # Rémuzat
            (44.41, 5.260),  # Sahune
            (44.356, 5.140),  # Nyons
            (44.320, 5.070),  # Mirabel-aux-Baronnies
            (44.300, 5.010),  # Saint-Maurice-sur-Eygues
            (44.285, 4.930),  # Tulette
            (44.200, 4.860),  # Sérignan-du-Comtat
            (44.150, 4.800),  # north of Orange
            (44.11, 4.745),  # into the Rhône at Caderousse
        ),
        4,
        (44.265, 5.03),
    ),
)

REGIONS: tuple[tuple[str, LatLon], ...] = (
    ("DRÔME", (44.88, 5.30)),
    ("ARDÈCHE", (44.72, 4.33)),
    ("ISÈRE", (45.37, 5.22)),
    ("VAUCLUSE", (44.12, 5.30)),
    ("HAUTES-ALPES", (44.62, 5.98)),
    ("GARD", (44.20, 4.30)),
)
"""Départements written lightly where each surely is, for orientation: the map draws no
boundaries, so a label stands well inside its département."""
