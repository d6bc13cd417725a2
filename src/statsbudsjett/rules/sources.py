"""The public sources the rules rest on, by the ids used in RULES.md (S1, S6, …).

Each rule and parameter names its source and how firm it is:

* ``SEEN`` — quoted from the cited public page;
* ``RECALL`` — what the named source says, not re-read;
* ``INFERRED`` — derived (arithmetic, sign logic) or a v1 decision matched to Digdir 2021.
"""

from __future__ import annotations

import enum
from typing import Final

from attrs import frozen

from ..reprs import field_repr

__all__ = ["SOURCES", "Evidence", "Source", "cite"]


class Evidence(enum.Enum):
    SEEN = "SEEN"
    RECALL = "RECALL"
    INFERRED = "INFERRED"


@frozen
class Source:
    __repr__ = field_repr

    id: str
    title: str
    url: str = ""


SOURCES: Final = {
    s.id: s
    for s in (
        Source("S1", "DFØ, Utarbeide note B i årsregnskapet",
               "https://dfo.no/fagomrader/%C3%A5rsregnskap/utarbeide-note-b-i-%C3%A5rsregnskapet"),
        Source("S2", "DFØ, Samlet tildeling for departementer",
               "https://dfo.no/fagomrader/%C3%A5rsregnskap/samlet-tildeling-for-departementer"),
        Source("S4", "Bevilgningsreglementet (Stortinget)",
               "https://www.stortinget.no/no/Stortinget-og-demokratiet/Lover-og-instrukser/Bevilgningsreglementet/"),
        Source("S5", "Regjeringen, Bevilgningsreglementet (2014 and 2023 texts)",
               "https://www.regjeringen.no/no/tema/okonomi-og-budsjett/statlig-okonomistyring/bevilgningsreglementet/id439274/"),
        Source("S6", "Veileder i statlig budsjettarbeid, del II kap. 3",
               "https://www.regjeringen.no/no/dokumenter/veileder-i-statlig-budsjettarbeid/id439275/?ch=3"),
        Source("S8", "Kgl.res. 13.01.2017 Om fullmakter i henhold til bevilgningsreglementet",
               "https://www.regjeringen.no/no/dokumenter/kongelig-resolusjon-13.-januar-2017/id2527103/"),
        Source("S11", "FIN rundskriv R-1/99 Overføring av ubrukte bevilgninger til 1999",
               "https://www.regjeringen.no/no/dokumenter/r-199-99-251-c-overforing-av-ubrukte-bev/id108465/"),
        Source("S12", "Stortingsvedtak, KLD merinntektsfullmakter 2019",
               "https://www.stortinget.no/no/Saker-og-publikasjoner/Vedtak/Vedtak/Sak/?did=40024824&p=73588"),
        Source("S13", "Stortinget votering, HOD 2019 (merinntekt, bestillings- og tilsagnsfullmakt)",
               "https://www.stortinget.no/no/Saker-og-publikasjoner/Saker/Sak/Voteringsoversikt/votering-detaljer/?dnid=1&p=74095&vt=11819"),
        Source("S15", "Regjeringen, Hvordan finne fram i statsbudsjettet?",
               "https://www.regjeringen.no/no/tema/okonomi-og-budsjett/statsbudsjett/hvordan-finne-fram-i-statsbudsjettet/id439271/"),
        Source("S17", "Prop. 1 S (2016–2017) KMD, vedtak («kan nyttes under» on posts 21 and 70)",
               "https://www.regjeringen.no/no/dokumenter/prop.-1-s-kmd-20162017/id2514181/?ch=5"),
        Source("S19", "Prop. 1 S (2013–2014) NHD, tilsagnsfullmakter",
               "https://www.statsbudsjettet.no/Statsbudsjettet-2014/Dokumenter/Fagdepartementenes-proposisjoner/Narings--og-handelsdepartementet-NHD/Prop-1-S/Del-1-Innledende-del/3-Oversikt-over-tilsagnsfullmakter/"),
        Source("S20", "Dok. 15:765 (2011–2012), svar om bevilgningsreglementet § 6",
               "https://www.stortinget.no/no/Saker-og-publikasjoner/Sporsmal/Skriftlige-sporsmal-og-svar/Skriftlig-sporsmal/?qid=52733"),
        Source("S21", "Digdir, Overskride driftsbevilgninger",
               "https://www.digdir.no/finansiering/overskride-driftsbevilgninger/752"),
        Source("R-115", "FIN rundskriv R-115 Utarbeidelse og avleggelse av statlige virksomheters årsregnskap"),
        Source("DFO-OPEN", "DFØ, Statsregnskapet: last ned (råfiler: statsregnskapet, bevilgninger; NLOD)",
               "https://statsregnskapet.dfo.no/last-ned"),
        Source("DIGDIR-2021", "Digitaliseringsdirektoratet, årsrapport 2021, kapittel 6 (the v1 reference case)"),
        Source("SALDERT-2025", "Finansdepartementet, Saldert budsjett 2025 (the budget table: chapters, posts, "
               "underposts; post 24 as «Driftsresultat:» with its signed underposts)"),
        Source("PETORO-2023", "Petoro, årsrapport for SDØE og Petoro 2023: SDØE bevilgningsregnskap, note A "
               "(kap. 5440 post 24 printed with its underposts, unsigned)",
               "https://www.petoro.no/petoro-aarsrapport/2023/tall/%C3%A5rsregnskap-sd%C3%B8e/bevilgningsregnskap"),
    )
}


def cite(*ids: str) -> tuple[Source, ...]:
    """The sources with these ids (a KeyError names a missing one at import time)."""
    return tuple(SOURCES[i] for i in ids)
