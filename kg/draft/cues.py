"""The cue words of English news prose: what marks a stance or an action (a report and a negation: ``speech.py``).

General lists, written for any article about states' positions, not for particular
texts. A cue gives a polarity towards what follows it (+1 for, -1 against, 0 neither);
``stances.py`` turns it into a stance on an issue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.draft import stances
from kg.draft.speech import negated


@dataclass(frozen=True)
class Cue:
    """A stance cue: its polarity, the kind of claim it makes, the action type and the vote it records."""

    polarity: int
    kind: str  # statement | action
    action: str | None = None
    vote: str | None = None
    nominal: bool = False  # a noun ("EU sanctions on Russia"): its actor is the name right before it, or none
    inner: bool = True  # may be the object of another cue; a judgement ("condemned as illegitimate") only says it again
    composed: bool = False  # two cues read as one ("welcomed the decision to impose sanctions")
    source: bool = False  # said of the name after "from": "Russia received ammunition from Pyongyang"
    spans: bool = False  # its words hold its object: "ordered two Russian diplomats expelled" (the target is inside)
    against_state: bool = False  # a measure against the state it names ("expelled Russian diplomats"), not against what follows
    # a supply stopped ("froze arms exports"): against an issue of supplying, for one of measures against the buyer
    # (stances.SUPPLY_ISSUE)
    halts_supply: bool = False


# how a stand named by a noun reaches the news from those who take it: "came from", "were also sent from"
_ARRIVED = (r"(?:(?:were|was|have\s+been|has\s+been|had\s+been)\s+)?(?:also\s+|quickly\s+|swiftly\s+|soon\s+)?"
            r"(?:came(?:\s+in)?|poured\s+in|flowed(?:\s+in)?|swelled|mounted|rained\s+(?:in|down)|followed|sent|"
            r"received|arrived|expressed|voiced)\s+")


def _words(*stems: str) -> str:
    return "|".join(stems)


# (pattern, cue) in order: the first pattern that matches at a place wins there.
_TABLE: list[tuple[str, Cue]] = [
    # votes; a count names its voters in brackets: "3 against (Israel, Marshall Islands and United States)"
    (r"\b\d+\s+(?:votes?\s+)?(?:in\s+favou?r|for)\b(?=\s*\()", Cue(1, "action", "vote", "yes")),
    (r"\b\d+\s+(?:votes?\s+)?against\b", Cue(-1, "action", "vote", "no")),
    (r"vot(?:ed|es|ing|e)\s+(?:in\s+favou?r|for|“yes\.?”|\"yes\.?\"|yes)", Cue(1, "action", "vote", "yes")),
    (r"vot(?:ed|es|ing|e)\s+against|vot(?:ed|es|ing|e)\s+(?:“no\.?”|\"no\.?\"|no)\b", Cue(-1, "action", "vote", "no")),
    # a vote's tally told in words: "joined Russia in opposing the measure" (voted no), "in backing the text"
    (r"\bin\s+(?:opposing|voting\s+down|rejecting)\s+the\s+(?:measure|resolution|draft|text|motion)\b", Cue(-1, "action", "vote", "no")),
    (r"\bin\s+(?:backing|supporting)\s+the\s+(?:measure|resolution|draft|text|motion)\b", Cue(1, "action", "vote", "yes")),
    (r"voting\s+(?:“yes”|\"yes\")|backed\s+the\s+resolution|supported\s+the\s+resolution", Cue(1, "action", "vote", "yes")),
    (r"abstain(?:ed|s|ing)?|abstentions?", Cue(0, "action", "vote", "abstain")),
    # a veto of a resolution; one of sanctions or aid is a measure blocked (below)
    (r"vetoe?(?:d|s|ing)?\b(?!\s+(?:[\w'’-]+\s+){0,3}?(?:sanctions|aid|package|loan|budget|funds?)\b)", Cue(-1, "action", "veto")),
    # sanctions, and tariffs and countermeasures as measures of the same kind ("imposed a 20% reciprocal tariff on")
    (r"(?:impos(?:ed|es|ing|e)|introduc(?:ed|es|e)|add(?:ed|s|ing)?|adopt(?:ed|s)?|slapp?(?:ed|s)?|issu(?:ed|es|ing|e)|enact(?:ed|s)?)\s+(?:(?:new|further|fresh|strict|tough|its|their|more|additional|sweeping|economic|the(?!\s+sanctions\b)|"
     r"\d+(?:st|nd|rd|th)?|first|second|third|fourth|fifth|latest|package|round|wave|set|of|(?-i:[A-Z][\w.’'-]*))\s+)*sanctions|"
     r"\b(?:impos(?:ed|es|ing|e)|introduc(?:ed|es|e)|slapp?(?:ed|s)?|announc(?:ed|es|e|ing)|take|takes|took|taking)\s+"
     r"(?:an?\s+|the\s+|its\s+|their\s+)?(?:[\w%$’'-]+\s+){0,3}?(?:tariffs?|duties|countermeasures|counter-measures|"
     r"retaliatory\s+measures)\b|"
     r"\b(?:froze|frozen|freez(?:es|e|ing))\b(?=\s+(?:[\w'’.$()-]+\s+){0,8}?(?:assets|funds|accounts|reserves)\b)|"
     r"join(?:ed|s|ing)?\s+(?:\w+\s+){0,4}?(?:in\s+)?sanction(?:s|ing)|"
     r"\b(?:the\s+)?imposition\s+of\s+(?:(?:new|further|fresh|more|additional|tough|sweeping|economic|personal)\s+)*sanctions\b|"
     r"\bblacklist(?:ed|s|ing)?\b|"
     r"\b(?:approv|adopt)\w*\s+(?:an?|the|its|their)\s+(?:[\w-]+\s+){0,3}?(?:package|round)\s+of\s+sanctions\b|"
     r"\b(?:expand|extend|widen|broaden|add)\w*\s+(?:[\w'’-]+\s+){0,6}?(?:to\s+)?(?:its|their|the)\s+sanctions?\s+(?:list|regime)\b|(?<!-)\bsanction(?:ed|ing)\b|align(?:ed|s|ing)?\s+with\s+(?:\w+\s+){0,3}sanctions",
     Cue(1, "action", "sanction-decision")),
    (r"\blift(?:ed|s|ing)?\s+(?:the\s+|all\s+|some\s+)?(?:\w+\s+)?sanctions|\beas(?:ed|es|ing|e)\s+(?:the\s+)?sanctions",
     Cue(-1, "action", "sanction-decision")),
    (r"(?<!-)\bsanctions\s+(?:on|against)\b", Cue(1, "action", "sanction-decision", nominal=True)),
    (r"\bsanctions\s+(?:\w+\s+){0,2}?(?:imposed|introduced|adopted|enacted)\b(?=\s+(?:\w+\s+){0,2}?by\b)",
     Cue(1, "action", "sanction-decision")),
    # arms sales stopped: a measure against the buyer ("froze new arms exports to Saudi Arabia", "halted weapons sales")
    (r"\b(?:froze|frozen|freez(?:es|e|ing)|halt(?:ed|s|ing)?|suspend(?:ed|s|ing)?|stop(?:ped|s|ping)?|block(?:ed|s|ing)?|"
     r"ban(?:ned|s|ning)?|cancel(?:led|ed|s|ling|ing)?|end(?:ed|s|ing)?|curb(?:ed|s|ing)?|restrict(?:ed|s|ing)?)\s+"
     r"(?:[\w'’-]+\s+){0,3}?(?:arms|weapons?|military|defen[cs]e)\s+(?:exports?|sales?|deliveries|shipments|deals?|licen[cs]es|trade)\b",
     Cue(-1, "action", "sanction-decision", halts_supply=True)),
    # a resolution blocked: a veto
    (r"\b(?:block(?:ed|s|ing)?|prevent(?:ed|s|ing)?\s+the\s+adoption\s+of)\b(?=\s+(?:\w+\s+){0,3}?(?:resolution|draft|text|adoption)\b)",
     Cue(-1, "action", "veto")),
    # a measure blocked: against it ("Hungary blocked EU sanctions", "has held up the aid package")
    (r"\b(?:block(?:ed|s|ing)?|stall(?:ed|s|ing)?|obstruct(?:ed|s|ing)?|held\s+up|hold(?:s|ing)?\s+up|veto(?:ed|es|ing)?)\b"
     r"(?=\s+(?:[\w'’.-]+\s+){0,3}?(?:sanctions|aid|package|deal|agreement|plan|proposal|accession|membership|bid|"
     r"measures?|funds?|loan|decision|talks)\b)", Cue(-1, "statement")),
    # criticism that uses a word of war: "attacked EU sanctions", "hit out at the decision"
    (r"\battack(?:ed|s|ing)?\b(?=\s+(?:[\w'’.-]+\s+){0,3}?(?:sanctions|decision|policy|policies|plan|proposal|move|remarks|"
     r"statements?|idea|measures|stance|position|critics|claims?|comments)\b)", Cue(-1, "statement")),
    # diplomatic moves against another state or an agreement: expulsions as news words them ("ordered two diplomats
    # expelled", "would throw out a number of diplomats", "gave the ambassador 72 hours to leave", "summoned the envoy")
    (r"\border(?:ed|s|ing)?\s+(?:[\w'’.-]+\s+){0,5}?(?:expelled|to\s+leave|out)\b|"
     r"\b(?:thr(?:ow|ew|own|owing|ows)|kick(?:ed|s|ing)?|boot(?:ed|s|ing)?)\s+out\b(?=\s+(?:[\w'’.-]+\s+){0,5}?"
     r"(?:diplomats?|ambassadors?|envoys?|staff|attach[eé]s?|consuls?)\b)|"
     r"\b(?:gave|give|gives|giving|given)\s+(?:[\w'’.-]+\s+){0,4}?[\w-]+\s+(?:hours|days|weeks)\s+to\s+leave\b|"
     r"\bdeclar(?:ed|es|e|ing)\s+(?:[\w'’.-]+\s+){0,5}?persona\s+non\s+grata\b|"
     r"\bsummon(?:ed|s|ing)?\b(?=\s+(?:[\w'’.-]+\s+){0,4}?(?:ambassadors?|envoys?|charg[eé]|diplomats?)\b)",
     Cue(-1, "action", "diplomatic-move", spans=True, against_state=True)),
    (r"\b(?:expell?(?:ed|s|ing)?|expulsion\s+of|recall(?:ed|s|ing)?\s+(?:its|their|the)\s+(?:\w+\s+)?(?:ambassadors?|envoys?)|"
     r"sever(?:ed|s|ing)?\s+(?:diplomatic\s+)?(?:ties|relations)|cut\s+(?:diplomatic\s+)?(?:ties|relations))\b",
     Cue(-1, "action", "diplomatic-move", against_state=True)),
    # leaving or suspending what follows ("suspended participation in the grain deal", "withdrew from the ICC"): against it
    (r"\b(?:suspend(?:ed|s|ing)?|suspension\s+of|withdr(?:ew|awn|aws|awal|awing)\s+from|pull(?:ed|s|ing)?\s+out\s+of|"
     r"exit(?:ed|s|ing)?\s+from|(?:quit(?:s|ting)?|left|leav(?:es|e|ing))(?=\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?(?:treaty|pact|accord|"
     r"agreement|deal|alliance|bloc|organi[sz]ation|court|union|group|grouping)\b)|"
     # "cancelled a 2016 deal worth $37bn", "scrapped the contract", "tore up the agreement": against it
     r"(?:cancell?(?:ed|s|ing)?|scrapp?(?:ed|s|ing)?|tore\s+up|terminat(?:ed|es|ing))(?=\s+(?:an?\s+|the\s+|its\s+|their\s+)?"
     r"(?:[\w$’'-]+\s+){0,4}?(?:deal|contract|agreement|treaty|pact|accord|order|purchase|visit|summit|talks)\b))\b",
     Cue(-1, "action", "diplomatic-move")),
    (r"\bratif(?:ied|ies|y|ying|ication)\b", Cue(1, "action", "diplomatic-move")),
    # purchases, supplies, recognitions, annexations, military operations, visits
    (r"\b(?:bought|buy(?:s|ing)?|purchas(?:ed|es|ing|e)|acquir(?:ed|es|ing|e)|ordered|procur(?:ed|es|ing|e))\b", Cue(1, "action", "purchase")),
    (r"\b(?:suppl(?:ied|ies|ying|y)|deliver(?:ed|s|ing)?|ship(?:ped|s|ping)?|provid(?:ed|es|ing|e)|sen[dt]s?|transferr?(?:ed|s|ing)?|exports?(?:ed)?|"
     r"donat(?:ed|es|ing|e)|dispatch(?:ed|es|ing)?|allocat(?:ed|es|ing|e))\b"
     r"(?=.{0,60}\b(?:drones?|weapons?|arms|ammunition|missiles?|shells|tanks|jets|equipment|gas|oil|aid)\b)",
     Cue(1, "action", "supply")),
    (r"\breceiv(?:ed|es|ing|e)\b(?=.{0,60}\b(?:drones?|weapons?|arms|ammunition|missiles?|shells|tanks|jets|equipment)\b)",
     Cue(1, "action", "supply", source=True)),
    (r"\b(?:military|state-military|arms|weapons?|defen[cs]e)\s+(?:aid|assistance|supplies|deliveries|shipments)\b|"
     r"\bsuppliers?\s+of\b(?=.{0,60}\b(?:drones?|weapons?|arms|ammunition|missiles?|shells|tanks|jets|equipment)\b)",
     Cue(1, "action", "supply")),
    # a recognition taken back: "revoke its recognition of Kosovo", "recognition … has been withdrawn by 15 states"
    (r"\b(?:revok|rescind|annul|retract|withdr[ae]w|cancel|revers)\w*\s+(?:(?:its|their|the|his|her)\s+)?(?:\w+\s+)?recognition\b|"
     r"\bde-?recogni[sz]\w*", Cue(-1, "action", "recognition-decision")),
    (r"\brecognition\b(?=[^.;]{0,60}?\b(?:withdrawn|revoked|rescinded|annulled|retracted|reversed|quashed|cancell?ed)\s+by\b)",
     Cue(-1, "action", "recognition-decision", source=True)),
    (r"\brecogni[sz](?:ed|es|ing|e)\b|\brecognition\b", Cue(1, "action", "recognition-decision")),
    (r"\bannex(?:ed|es|ing|ation)?\b|\bincorporat(?:ed|ion)\b", Cue(1, "action", "annexation")),
    (r"\b(?:invad(?:ed|es|ing|e)|attack(?:ed|s|ing)?|bomb(?:ed|s|ing)|shell(?:ed|ing)|occup(?:ied|ies|y)|launch(?:ed|es|ing)?\s+(?:an?\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,2}?(?:offensive|invasion|strikes?)|captur(?:ed|es|ing|e)|"
     r"(?:launch|fir)(?:ed|es|ing)?\s+(?:\w+\s+){0,3}?(?:missiles?|rockets?|drones?)\s+(?:and\s+(?:\w+\s+)?(?:missiles?|rockets?|drones?)\s+)?(?:at|on|into|against|over)\b|"
     r"(?:widen|expand|step(?:ped)?\s+up|intensif(?:y|ie))\w*\s+(?:its|their|the)\s+(?:\w+\s+)?(?:offensive|attacks?|strikes?|assault))\b|fomenting|"
     r"\b(?:sen[dt]s?|sending|deploy(?:ed|s|ing)?|mov(?:ed|es|ing))\s+(?:\w+\s+){0,2}?(?:troops|forces|soldiers|tanks)\s+(?:into|across)\b",
     Cue(1, "action", "military-operation")),
    # military drills: a show of force ("China's military conducted the drills", "held joint exercises")
    (r"\b(?:conduct(?:ed|s|ing)?|h[eo]ld(?:s|ing)?|stag(?:ed|es|ing)|launch(?:ed|es|ing)?|carr(?:ied|ies|y|ying)\s+out)\s+"
     r"(?:[\w'’-]+\s+){0,3}?(?:drills|exercises|manoeuvres|maneuvers|war\s+games)\b", Cue(1, "action", "military-operation")),
    # steps of a bloc's enlargement: "decided to grant candidate status to Georgia", "open accession talks with Ukraine"
    (r"\b(?:grant(?:ed|s|ing)?|g[ai]ve|giv(?:es|ing)|award(?:ed|s|ing)?)\s+(?:\w+\s+)?candidate\s+status\b|"
     r"\bopen(?:ed|s|ing)?\s+(?:formal\s+)?(?:accession|membership)\s+(?:talks|negotiations)\b|"
     r"\bopen(?:ed|s|ing)?\s+(?:formal\s+)?(?:talks|negotiations)\b(?=\s+with\s+[^.;]{0,60}?\b(?:membership|accession|join)\w*)",
     Cue(1, "action", "diplomatic-move")),
    (r"\b(?:visit(?:ed|s|ing)?|met\s+with|hosted|proposed|declared\s+independence|declaration\s+of\s+independence|signed|withdr(?:ew|awn?)\b(?!\s+by\b))\b",
     Cue(1, "action", "diplomatic-move")),
    # statements: against ("declined Zelenskiy's request for weapons": against what was asked)
    (r"\b(?:declin(?:ed|es|e|ing)|den(?:ied|ies|y)|reject(?:ed|s|ing)?|turn(?:ed|s)?\s+down|refus(?:ed|es|e|ing))\s+"
     r"(?:[\w'’-]+\s+){0,3}?(?:request|demand|appeal|plea|call)s?\b", Cue(-1, "statement")),
    # a stand as a predicate or a role: "is against sanctions", "is in favour of a ceasefire", "a vocal critic of",
    # "has backed away from"
    (r"\b(?:is|are|was|were|remains?|remained|stays?|stayed|be|been)\s+(?:\w+ly\s+|also\s+|still\s+)?against\b|"
     r"\b(?:critics?|opponents?)\s+of\b|\b(?:back(?:ed|s|ing)?|step(?:ped|s)?|walk(?:ed|s)?)\s+(?:away|back)\s+from\b",
     Cue(-1, "statement")),
    (r"\b(?:is|are|was|were|remains?|remained|stays?|stayed|be|been)\s+(?:\w+ly\s+|also\s+|still\s+)?in\s+favou?r\s+of\b|"
     r"\b(?:supporters?|proponents?|advocates?|champions?|backers?)\s+of\b", Cue(1, "statement")),
    # pressure and ultimatums: "have mounted pressure on Niger's coup leaders", "issued a 15-day ultimatum to the junta"
    (r"\b(?:mount(?:ed|s|ing)?|put(?:s|ting)?|pil(?:ed|es|e|ing)|step(?:ped|s)?\s+up|increas(?:ed|es|e|ing)|ramp(?:ed|s)?\s+up|"
     r"exert(?:ed|s|ing)?)\s+(?:(?:more|further|new|international|diplomatic|economic|heavy|strong|the)\s+){0,2}pressure\s+on\b|"
     r"\b(?:issu(?:ed|es|e|ing)|g[ai]ve|giv(?:es|ing)|set(?:s|ting)?)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?ultimatum\b",
     Cue(-1, "statement")),
    # a stand named by who takes it: "because of resistance from Serbia", "despite opposition by Hungary"
    (r"\b(?:resistance|opposition|objections?)(?=\s+(?:from|by)\b)", Cue(-1, "statement", source=True)),
    # "drawing a sharp reaction from Japan", "criticism came from Brussels", "Condemnation of the coup came from A, B
    # and C": against, said by whom "from" names
    (r"\b(?:(?:sharp|angry|strong|furious)\s+reactions?|reactions?|criticism|condemnations?|rebukes?|protests?|outrage)"
     r"(?=\s+(?:(?:of|over|at|to|against)\s+[^.;,:“”\"]{1,60}?\s+)?(?:" + _ARRIVED + r")?from\b)",
     Cue(-1, "statement", source=True)),
    # "the backing of over 40 countries, including A and B", "praise also came from India", "support for the plan came
    # from A", "Congratulations were also sent from Beijing": for, said by those named
    (r"\b(?:support|backing|praise|endorsement|congratulations)(?=\s+(?:(?:for|of|to)\s+[^.;,:“”\"]{1,60}?\s+"
     + _ARRIVED + r"from|(?:" + _ARRIVED + r")?(?:from|of))\s+"
     r"(?:(?:over|more\s+than|some|about|at\s+least|nearly|\d+|[a-z]+)\s+)*(?-i:[A-Z\d]))", Cue(1, "statement", source=True)),
    # nouns of judgement: said of the name right before them ("Israel's condemnation"), never of what "drew" them
    (r"\b(?:condemnations?|criticism|denunciations?)\b", Cue(-1, "statement", nominal=True)),
    (r"\b(?:condemn(?:ed|s|ing)?|denounc(?:ed|es|ing|e)|criticii?[sz](?:ed|es|ing|e)|reject(?:ed|s|ing)?|"
     r"oppos(?:ed|es|ing|e)|opposition\s+to|protest(?:ed|s|ing)?|deplor(?:ed|es|e|ing)|slamm?(?:ed|s|ing)|decr(?:ied|ies|y|ying)|"
     r"object(?:ed|s)?\s+to|warn(?:ed|s|ing)?\s+(?:against|of|that)|blam(?:ed|es|e|ing)|accus(?:ed|es|ing|e)|"
     r"turned\s+down|distanc(?:ed|es|e)\s+(?:itself|themselves|\w+self)\s+from|"
     r"cannot\s+support|can't\s+support|(?:\w+n['’]t|not|never)\s+in\s+(?:\S+\s+){0,2}?(?:national\s+)?interests?\b|"
     r"refrain(?:ed|s|ing)?\s+from|repudiat(?:ed|es|e|ing)|refut(?:ed|es|e|ing)|rebuff(?:ed|s|ing)?|spurn(?:ed|s|ing)?|"
     r"snubb?(?:ed|s|ing)?|lambast(?:ed|s|ing)?|berat(?:ed|es|e|ing)|assail(?:ed|s|ing)?|excoriat(?:ed|es|e|ing)|"
     r"derid(?:ed|es|e|ing)|ridicul(?:ed|es|e|ing)|rail(?:ed|s|ing)?\s+against|balk(?:ed|s|ing)?\s+at|shunn?(?:ed|s|ing)?|"
     r"rul(?:ed|es|ing)\s+out|(?:serious\s+|strong\s+)?reservations\s+(?:about|over|on|regarding)|"
     r"(?:frustrat|displeas|irritat)(?:ed|ion|ure)\s+(?:with|at|over|about|by)|indignation|blast(?:ed|s|ing)?|rebuk(?:ed|es|e|ing)|censur(?:ed|es|e|ing)|chastis(?:ed|es|e|ing)|"
     r"castigat(?:ed|es|e|ing)|lash(?:ed|es)?\s+out\s+at|hit(?:s|ting)?\s+out\s+at|dismiss(?:ed|es|ing)?|"
     r"regret(?:s|ted|ting)?|warn(?:ed|s|ing)?\s+[\w'’.-]+\s+(?:that|against|of|not)|object(?:s|ed)\b|"
     r"(?:deeply\s+|very\s+)?disappoint(?:ed|ment)(?:\s+on\s+\w+day)?\s+(?:at|with|by|over|about|in)\b|"
     r"dismay(?:ed)?(?:\s+on\s+\w+day)?\s+(?:at|with|by|over|about)\b|"
     # concern is its holder's stand: "voiced their ‘grave concern’ over", "France is extremely concerned by"
     r"(?:deep|grave|serious)?[“\"‘']{0,2}\s*concerns?[”\"’']{0,2}\s+(?:at|about|over|regarding)\b|"
     r"concerned\s+(?:at|about|over|by)\b|alarm(?:ed)?\s+(?:at|about|over|by)\b|"
     r"call(?:ed|s|ing)?\s+out\b|[“\"‘']{0,2}troubled[”\"’']{0,2}\s+by\b)",
     Cue(-1, "statement")),
    # judgements: against what they are said of
    (r"\b(?:red\s+line|detrimental|(?:a|the)\s+[“\"]?(?:classic\s+|grave\s+|big\s+|historic\s+|strategic\s+)?mistake|"
     r"unacceptable|illegitimate|illegal|unlawful|unjustified|out\s+of\s+control|violat(?:ion|ions|ed|es|ing)\s+of|(?:gross|flagrant|blatant|clear|serious)\s+breach(?:es)?\s+of|"
     r"\b(?:reckless|irresponsible|provocative|provocations?|dangerous|destabili[sz]ing|outrageous|absurd|cowardly|heinous|"
     r"criminal|brutal|blatant|flagrant|despicable|shameful|abhorrent|egregious|expansionist|"
     r"(?:a|the)\s+(?:\w+\s+){0,3}?threat\s+to|massacres?|atrocit(?:y|ies)|insanity|barbaric|"
     r"null\s+and\s+void|(?:is|are|was|were)\s+not\s+(?:a|the)\s+solution|blackmail|(?:a\s+|false\s+)pretext|sham|farce|"
     r"nonsens(?:e|ical)|hypocri(?:sy|tical)|cynical|propaganda|disinformation)\b)",
     Cue(-1, "statement", inner=False)),
    # judgements: for what they are called ("called the decision historic", "called the vote a victory")
    (r"\b(?:historic(?!\s+(?:mistake|error|blunder|low|failure))|(?:a|an)\s+[“\"‘']?(?:\w+\s+)?victory|breakthrough|milestone|"
     r"(?:a|an)\s+(?:major|important|significant|positive|welcome|good|big|crucial|key)\s+step|"
     r"step\s+in\s+the\s+right\s+direction|constructive)\b",
     Cue(1, "statement", inner=False)),
    # judgements: for what they are said of ("the territorial integrity of Ukraine is sacrosanct")
    (r"\b(?:legitimate|lawful|justified|sacrosanct|inviolable|(?:right\s+(?:to|of)|act\s+of|in)\s+self[-\s]defen[cs]e|must\s+be\s+(?:upheld|respected|preserved|protected))\b",
     Cue(1, "statement", inner=False)),
    # statements: for
    (r"\b(?:support(?:ed|s|ing)?|back(?:ed|s|ing)?|endors(?:ed|es|ing|e)|welcom(?:ed|es|ing|e)|prais(?:ed|es|ing|e)|"
     r"(?<!in\s)favou?r(?:ed|s)?|call(?:ed|s|ing)?\s+(?:on|for)|urg(?:ed|es|ing|e)|demand(?:ed|s|ing)?|defend(?:ed|s|ing)?|"
     r"stand(?:s|ing)?\s+(?:by|with|behind)|stood\s+(?:by|with|behind)|reaffirm(?:ed|s|ing)?|reiterat(?:ed|es|e|ing)|restat(?:ed|es|e|ing)|respect(?:ed|s|ing)?|agree(?:d|s|ing)?\s+(?:to|with|on)|"
     r"approv(?:ed|es|e|ing)|advocat(?:ed|es|e|ing)|push(?:ed|es|ing)?\s+(?:for|through|ahead\s+with)\b|pushed(?=\s+(?:\w+ly\s+)?by\b)|insist(?:ed|s|ing)?|committed\s+to|pledg(?:ed|es|e|ing)|bid\s+to\s+join|"
     r"want(?:s|ed)?\s+to\s+join|seek(?:s|ing)?\s+to\s+join|appl(?:ied|ies)\s+(?:to|for)|grateful|gratitude|see[sn]?\s+\w+\s+as|"
     r"(?:is|are|was|remains?|become|becomes|became)\s+(?:a\s+)?part\s+of|align(?:ed|s|ing)?\s+(?:its|their)\s+|"
     r"hail(?:ed|s|ing)?|applaud(?:ed|s|ing)?|commend(?:ed|s|ing)?|thank(?:ed|s|ing)?|congratulat(?:ed|es|e|ing|ions?)|"
     r"solidarity\s+with|hop(?:e|es|ed|ing)\s+for|cheer(?:ed|s|ing)?|embrac(?:ed|es|e|ing)|sid(?:ed|es|ing)\s+with|"
     r"(?:threw|throws?|throwing)\s+(?:its|their|his|her)\s+weight\s+behind|rall(?:ied|ies|y|ying)\s+(?:behind|around|to)|"
     r"lobb(?:ied|ies|y|ying)\s+for|(?:co-?)?sponsor(?:ed|s|ing)?|sympath(?:y|ies|i[sz]ed?)\s+(?:for|with)|"
     r"offer(?:ed|s|ing)?\s+(?:its\s+|their\s+|his\s+|her\s+)?(?:full\s+|strong\s+)?(?:support|backing|help|assistance)|promis(?:ed|es|e|ing)|vow(?:ed|s|ing)?|adopt(?:ed|s|ing)?|"
     r"(?:become|becomes|became|becoming)\s+(?:a\s+)?member|compl(?:y|ies|ied|ying)\s+with|abid(?:e|es|ed|ing)\s+by|"
     r"adher(?:e|es|ed|ing)\s+to|salut(?:e|ed|es|ing)|greet(?:ed|s|ing)?|(?:push|press)(?:ed|es|ing)?\s+for|"
     r"(?:openness|open|ready|readiness|willing(?:ness)?)\s+to\s+(?:help|facilitate|mediate|assist|meet|meeting|talks?|dialogue|"
     r"negotiat\w*|contribute|use|play|work))",
     Cue(1, "statement")),
    # statements: neither
    (r"\b(?:neutral(?:ity)?|stay(?:ed|s)?\s+out\s+of|remain(?:ed|s)?\s+(?:neutral|silent)|balanc(?:ed|ing)\s+between)\b",
     Cue(0, "statement")),
]
CUES = [(re.compile(pattern, re.IGNORECASE), cue) for pattern, cue in _TABLE]

def find(clause: str) -> list[tuple[int, int, Cue]]:
    """The cues of a clause, left to right, each as (start, end, cue); overlapping cues keep the first listed."""
    found: list[tuple[int, int, Cue]] = []
    for pattern, cue in CUES:
        for match in pattern.finditer(clause):
            if not any(s < match.end() and match.start() < e for s, e, _ in found):
                found.append((match.start(), match.end(), cue))
    return sorted(found, key=lambda item: item[0])


# What may stand between a cue and a cue in its object ("welcomed the decision to impose",
# "reaffirmed the entity's refusal to join", "voted for a resolution condemning"): a few
# words, no clause break; "condemned and rejected" is two verbs of one subject, no chain.
# "condemned the visit and reiterated their support": two verbs, no chain
_CHAIN_GAP = re.compile(r"^(?=\s)(?![\s,]*(?:and|or|nor|but)?[\s,]*$)(?![^,;:.!?“”\"]*\b(?:and|but)\s+(?:also\s+|\w+ly\s+)?(?:\w+ed\b|$))"
                        r"[^,;:.!?“”\"]*$", re.I)
_CHAIN_WORDS = 6
# "voted for the resolution, which condemns the invasion": what a text voted on does, after a comma
_TEXT_RELATIVE = re.compile(r"^(?=\s)[^,;:.!?“”\"]*\b(?:resolution|draft|text|motion)s?,\s+(?:which|that)\s+(?:also\s+)?$", re.I)


def readings(clause: str) -> list[tuple[int, int, Cue, bool]]:
    """The cues of a clause as (start, end, cue, negated), a cue in the object of another composed with it.

    "welcomed the decision to impose sanctions" is for sanctions (+ by +), "condemned
    the move to impose sanctions" against them (- by +), "voted for a resolution
    condemning the invasion" against the invasion (+ by -): the outer cue gives the
    kind, the product of both the direction. The inner cue is read on its own too, for
    an actor of its own ("condemns Washington for imposing sanctions": the United States
    imposed them). Each negation counts for the next cue only.
    """
    found = find(clause)
    out: list[tuple[int, int, Cue, bool]] = []
    previous = 0
    for i, (start, end, cue) in enumerate(found):
        negation = negated(clause[previous:start])
        previous = end
        nxt = found[i + 1] if i + 1 < len(found) else None
        if nxt is not None and nxt[2].inner and nxt[2].polarity and (
                cue.polarity and cue.kind == "statement" or cue.vote in ("yes", "no") and nxt[2].kind == "statement"):
            gap = clause[end:nxt[0]]
            if (_CHAIN_GAP.match(gap) or cue.vote and _TEXT_RELATIVE.match(gap)) and len(gap.split()) <= _CHAIN_WORDS:
                # "blasted Israel for failing to oppose the aggression": not opposing is what is blamed
                inner = -nxt[2].polarity if negated(gap) else nxt[2].polarity
                outer = stances.sign(cue.polarity, negation)
                composed = Cue(outer * inner, cue.kind, cue.action, cue.vote, inner=cue.inner, composed=True, source=cue.source)
                out.append((start, nxt[1], composed, False))
                continue
        out.append((start, end, cue, negation))
    return out
