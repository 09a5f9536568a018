"""pkilint validators: thin adapters from pyasn1 nodes to the pure rules in `rules/`.

Each class reads one AttributeTypeAndValue, gathers the enclosing distinguished name as
context, calls its rule and turns the hits into findings. They hold no per-document state,
so one instance serves every document (pkilint's REST app and pkimetal build them once).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Callable

from pkilint import validation
from pyasn1.type import univ
from pyasn1_alt_modules import rfc5280

from pkilint_semantic_dn import attributes, catalogue, config, rules
from pkilint_semantic_dn.rules import (
    Hit,
    IndexedSubject,
    Subject,
    address,
    embedded,
    geography,
    leaks,
    placeholders,
    placenames,
    subdivisions,
    whitespace,
)

Rule = Callable[[str, str, Subject], "list[Hit]"]


def finding(code: str) -> validation.ValidationFinding:
    """The pkilint finding for a catalogue code."""
    entry = catalogue.BY_CODE[code]
    return validation.ValidationFinding(
        validation.ValidationFindingSeverity[entry.severity], code
    )


VALIDATION_RULE_FAILED = finding("semantic_dn.rule_failed")


def attribute_value(node) -> str | None:
    """The decoded string value of an AttributeTypeAndValue node, or None.

    None when pkilint did not decode the value (unknown type, decoding failure reported by
    pkilint itself) or when the string cannot be represented (malformed BMPString, ...). The
    same reading as pkilint's `get_string_value_from_attribute_node`, without its exceptions
    and property lookups on the way: this runs for every subject attribute.
    """
    try:
        decoded = node.children["value"].children
        if len(decoded) != 1:
            return None  # not decoded
        (string,) = decoded.values()
        # DirectoryString: the chosen string type.
        if isinstance(string.pdu, univ.Choice):
            (string,) = string.children.values()
        return str(string.pdu)
    except Exception:
        return None


# Dotted strings of the attribute types the rules know, by their arcs: pyasn1 renders an OID
# to text on every str() call, which was a visible share of the plugin's cost per attribute.
_KNOWN_OIDS = {
    tuple(int(arc) for arc in oid.split(".")): oid for oid in attributes.BY_OID
}


def attribute_type(node) -> str:
    oid = node.children["type"].pdu
    try:
        return _KNOWN_OIDS.get(oid.asTuple()) or str(oid)
    except Exception:
        return str(oid)


_ATTRIBUTE_CACHE = "_pkilint_semantic_dn_attribute"
_ATV = rfc5280.AttributeTypeAndValue
_RDN_SEQUENCE = rfc5280.RDNSequence


def type_and_value(node) -> tuple[str, str | None]:
    """`(attribute_type(node), attribute_value(node))`, read once per node and document.

    Every plugin validator reads the same node, and the enclosing subject reads every node
    again; reading each once (kept on the document's own node, like the subject below) is
    most of what keeps the plugin's cost per certificate small.
    """
    pair = node.__dict__.get(_ATTRIBUTE_CACHE)
    if pair is None:
        pair = (attribute_type(node), attribute_value(node))
        setattr(node, _ATTRIBUTE_CACHE, pair)
    return pair


class _LazySubject(Sequence):
    """The enclosing name's (OID, value) pairs, gathered only if a rule looks at them.

    Most rules never need the rest of the subject; gathering it for every attribute and every
    validator would cost more than the rules themselves. Lives for one validate() call only.
    """

    __slots__ = ("_node", "_pairs")

    def __init__(self, node):
        self._node = node
        self._pairs = None

    def _get(self):
        if self._pairs is None:
            self._pairs = enclosing_subject(self._node)
        return self._pairs

    def __getitem__(self, index):
        return self._get()[index]

    def __len__(self):
        return len(self._get())

    def __iter__(self):
        return iter(self._get())

    def values_of(self, oid: str) -> list[str]:
        return self._get().values_of(oid)


def enclosing_subject(node) -> Subject:
    """(type OID, value) of every attribute in the distinguished name around `node`."""
    rdn = node.parent
    rdn_sequence = rdn.parent if rdn is not None else None
    if rdn_sequence is None:
        return IndexedSubject((type_and_value(node),))
    # Kept on the document's own node (decoding has finished when these validators run), so
    # a name of N attributes costs O(N) once, not O(N) per attribute and rule: a hostile
    # 2,000-RDN subject would otherwise take minutes. The validators stay stateless.
    pairs = getattr(rdn_sequence, _SUBJECT_CACHE, None)
    if pairs is None:
        pairs = IndexedSubject(
            type_and_value(atv)
            for each_rdn in rdn_sequence.children.values()
            for atv in each_rdn.children.values()
        )
        setattr(rdn_sequence, _SUBJECT_CACHE, pairs)
    return pairs


_SUBJECT_CACHE = "_pkilint_semantic_dn_subject"


class SemanticAttributeValidator(validation.Validator):
    """Base of this plugin's validators: one rule applied to every subject attribute value.

    Subclasses set `RULE` (a pure function from `rules/`) and declare their findings as
    `VALIDATION_*` class constants, as pkilint's own validators do.
    """

    RULE: Rule
    # Set by registration when an explicitly added instance of the same class exists.
    switched_off = False

    def __init__(self):
        disabled = config.disabled_codes()
        self._findings = {
            f.code: f
            for name, f in vars(type(self)).items()
            if name.startswith("VALIDATION_") and f.code not in disabled
        }
        super().__init__(
            validations=list(self._findings.values()) + [VALIDATION_RULE_FAILED],
            pdu_class=rfc5280.AttributeTypeAndValue,
        )

    def match(self, node):
        # Called for every node of every subject container: kept to one type test (the
        # validator has no path or predicate, so NodeVisitor.match would test only this).
        return not self.switched_off and isinstance(node.pdu, _ATV)

    def validate(self, node):
        # Nothing to report returns an empty list, which pkilint's container adds as it adds a
        # container's results: no empty ValidationResult per attribute and validator to build,
        # filter and report (the validators' largest fixed cost after match()).
        oid, value = type_and_value(node)
        if value is None:
            return []
        return self.results_for(node, oid, value, _LazySubject(node))

    def results_for(self, node, oid: str, value: str, subject: Subject) -> list:
        """This rule's results for one attribute whose type and value are already read."""
        if not self._findings:
            return []
        try:
            hits = type(self).RULE(oid, value, subject)
        except Exception as e:
            # A bug here must never become a FATAL finding in pkilint.
            return self._failure(node, e)
        return self.results_from(node, hits) if hits else []

    def results_from(self, node, hits: list[Hit]) -> list:
        """The ValidationResult for this rule's hits on one attribute (none if all disabled)."""
        descriptions = [
            validation.ValidationFindingDescription(self._findings[h.code], h.message)
            for h in hits
            if h.code in self._findings
        ]
        if not descriptions:
            return []
        return [validation.ValidationResult(self, node, descriptions)]

    def _failure(self, node, error: Exception) -> list:
        if not self._report_failures:
            return []
        message = (
            f"{self.name} could not check this value ({type(error).__name__}); "
            "please report it to pkilint-semantic-dn"
        )
        description = validation.ValidationFindingDescription(
            VALIDATION_RULE_FAILED, message
        )
        return [validation.ValidationResult(self, node, [description])]


class EmbeddedAttributeAssignmentValidator(SemanticAttributeValidator):
    """Finds DN syntax inside one attribute value: `Tokyo, C=JP`, `/C=US/ST=CA/L=...`.

    Requirement: TLS BR 7.1.2.7.2-7.1.2.7.4 -- each subject attribute, if present, MUST contain
    the Subject's information of its own type (state or province, locality, organisation...);
    S/MIME BR 7.1.4.2.2 likewise. An embedded `KEYWORD=value` is another attribute's
    information, so the value is not what the attribute must contain.

    Severity: ERROR when a recognised keyword follows a DN separator (`,` `;` `+` `/`), when a
    multi-letter keyword or dotted OID starts the value, or when two or more assignments form a
    pasted DN -- no real name has that shape. NOTICE when the only evidence is a single-letter
    keyword at the very start (`E=MC2 Ltd` is a plausible company name), unless the embedded
    value repeats the subject's attribute of that type (`C=JP` beside countryName JP): then it
    is ERROR again.
    """

    VALIDATION_EMBEDDED_ATTRIBUTE_ASSIGNMENT = finding(
        embedded.EMBEDDED_ATTRIBUTE_ASSIGNMENT
    )
    VALIDATION_EMBEDDED_DISTINGUISHED_NAME = finding(
        embedded.EMBEDDED_DISTINGUISHED_NAME
    )
    VALIDATION_POSSIBLE_EMBEDDED_ATTRIBUTE_ASSIGNMENT = finding(
        embedded.POSSIBLE_EMBEDDED_ATTRIBUTE_ASSIGNMENT
    )

    RULE = staticmethod(embedded.check)


class PlaceholderValueValidator(SemanticAttributeValidator):
    """Finds tool defaults, template texts and prompts left in a value: `Some-State`,
    `Internet Widgits Pty Ltd`, `Default City`, `State or Province Name (full name)`, and an
    all-zero EV serialNumber.

    Requirement: TLS BR 7.1.2.7.2-7.1.2.7.4 -- a present subject attribute MUST contain the
    Subject's information of its type, verified per 3.2.2.1 (S/MIME BR 7.1.4.2.2 likewise);
    EV Guidelines: serialNumber MUST contain the Registration Number.

    Severity: ERROR. The match is on the whole value (folded for case, width, diacritics,
    spaces and punctuation), so a real name that only contains such a word is never matched;
    a value that *is* a default or prompt cannot be verified Subject information.
    """

    VALIDATION_PLACEHOLDER_VALUE = finding(placeholders.PLACEHOLDER_VALUE)

    RULE = staticmethod(placeholders.check_placeholder)


class NotApplicableValueValidator(SemanticAttributeValidator):
    """Finds values that only say the field is absent or not applicable: `N/A`, `null`,
    `none`, `unknown`, `TBD`, `k.A.`, `néant`, `該当なし`...

    Requirement: TLS BR 7.1.2.7.2-7.1.2.7.4 (after the subject attribute tables): "subject
    Attributes MUST NOT contain only metadata such as '.', '-', and ' ' (i.e. space) characters,
    and/or any other indication that the value is absent, incomplete, or not applicable".

    Severity: ERROR (a MUST NOT). Values without any letter or digit are left to stock pkilint
    (cabf.insignificant_attribute_value_present), so nothing is reported twice. Short words
    that are also ISO 3166-2 subdivision codes of the subject's country (`NA` for Navarra in
    ES, `KA` for Karnataka in IN, `SD` for South Dakota in US) and real places named like such
    a word (`None` in Italy, `Nan` in Thailand) are not flagged in geographic attributes.
    """

    VALIDATION_NOT_APPLICABLE_VALUE = finding(placeholders.NOT_APPLICABLE_VALUE)

    RULE = staticmethod(placeholders.check_not_applicable)


class ControlAndInvisibleCharacterValidator(SemanticAttributeValidator):
    """Finds C0/C1 control characters (tab, newline, ...) and invisible format characters
    (zero width space, byte order mark, bidi overrides and isolates, soft hyphen).

    Requirement: TLS BR 7.1.2.7.2-7.1.2.7.4 / S/MIME BR 7.1.4.2.2 -- the value MUST be the
    Subject's information; a control character is no part of any name (RFC 4518 2.2 maps them
    to nothing before comparison). Invisible and bidi-override characters make the displayed
    name differ from the encoded one (Unicode TR 36).

    Severity: control characters ERROR (the value cannot be the required information);
    invisible format characters WARNING (very likely wrong, but the visible name may be right).
    Joiners (ZWNJ, ZWJ) are accepted unless every other character is ASCII, and bidi marks
    (LRM, RLM, ALM) unless the value has no right-to-left letter: Persian, Indic and Arabic
    names need them; so is ZERO WIDTH SPACE in Thai, Lao, Khmer, Myanmar and Tibetan text, which
    uses it between words.
    """

    VALIDATION_CONTROL_CHARACTER = finding(whitespace.CONTROL_CHARACTER)
    VALIDATION_INVISIBLE_FORMAT_CHARACTER = finding(whitespace.INVISIBLE_CHARACTER)

    RULE = staticmethod(whitespace.check_characters)


class WhitespaceValidator(SemanticAttributeValidator):
    """Finds leading or trailing white space and runs of spaces inside a value.

    Requirement: TLS BR 7.1.2.7.2-7.1.2.7.4 / S/MIME BR 7.1.4.2.2 (the Subject's information,
    as verified); RFC 4518 2.6.1 treats leading, trailing and repeated inner spaces as
    insignificant, so such a value does not match the name it claims to be exactly. A public
    incident: white space in an EV commonName (Bugzilla 1782391).

    Severity: leading/trailing white space WARNING (very likely a data-entry or concatenation
    defect, not provable from the certificate); repeated inner spaces NOTICE (a heuristic: a
    typo rather than wrong information). The ideographic space of CJK names is not counted.
    """

    VALIDATION_LEADING_OR_TRAILING_WHITESPACE = finding(
        whitespace.LEADING_OR_TRAILING_WHITESPACE
    )
    VALIDATION_REPEATED_WHITESPACE = finding(whitespace.REPEATED_WHITESPACE)

    RULE = staticmethod(whitespace.check_spacing)


class CountryInPlaceNameValidator(SemanticAttributeValidator):
    """Finds a country or continent where a state, province or locality belongs:
    `ST=United Kingdom` (C=GB), `ST=Tokyo, Japan` (C=JP), `ST=Russia` or `ST=Europe` (C=DE).

    Requirement: TLS BR 7.1.2.7.3/7.1.2.7.4 -- stateOrProvinceName, "If present, MUST contain
    the Subject's state or province information"; localityName likewise "the Subject's
    locality information"; EV Guidelines 7.1.4.2.4 -- jurisdictionStateOrProvinceName and
    jurisdictionLocalityName hold the full name of the incorporating jurisdiction at that
    level (compared with jurisdictionCountryName). Incidents: Sectigo `Great Britain`,
    `United Kingdom`, `Europe`, `Russia` (Bugzilla 1645686 / 1710243), GlobalSign (1668007).
    DigiCert's `MALTA` with C=MT (1710444) was disputed -- Malta is a small island state, and
    the CA first argued the country name was the right state -- and then reported as
    misissuance; this rule flags it.

    Severity: WARNING for the first three findings -- very likely wrong, but not provable
    from the certificate alone (the country data may miss a subdivision that shares a
    country's name). NOTICE for another country where the subject's country has no ISO 3166-2
    subdivisions (`ST=France` under C=JE): nothing rules out a local place of that name there.
    Never flagged: a real subdivision of the subject's own country (`Georgia` under C=US,
    `México` under C=MX, `Luxembourg` under C=LU), the country's own name where it is a
    city-state or has no ISO 3166-2 subdivisions (`Singapore`, `Hong Kong`, `Monaco`, `Macao`,
    `Puerto Rico`) or, in localityName, a town of that name (`Colombia`, `Kuwait`), another
    country's two-letter code (`CA`, `GA`, `IN` are also state abbreviations; the subdivision
    rule reports unknown codes), names after a saint (`St. Martin` is a parish of Guernsey),
    and another country or a continent in localityName (many towns are named after
    countries: Lebanon, Peru, Mexico). Nor a territory under the sovereignty of the subject's
    country (`Greenland` or `Færøerne` under C=DK, `Norfolk Island` under C=AU, `Bermuda`
    under C=GB): no finding rather than a NOTICE, because ISO 3166-2 itself lists most such
    territories as subdivisions of their sovereign (US-PR, FR-RE, NL-AW, FI-01, CN-HK) and
    the result should not depend on which ones it happens to list; the Crown Dependencies
    (`Jersey` under C=GB) are not part of the UK and stay a WARNING. Nor `Taiwan` under C=TW
    (the nominal Taiwan Province), nor a region named like another country (`Macedonia` under
    C=GR or C=BG, `Moldova` under C=RO), which the subdivision rule may still note.
    """

    VALIDATION_COUNTRY_NAME_IN_STATE_OR_LOCALITY = finding(
        geography.COUNTRY_NAME_AS_PLACE
    )
    VALIDATION_COUNTRY_NAME_APPENDED_TO_STATE_OR_LOCALITY = finding(
        geography.COUNTRY_NAME_APPENDED
    )
    VALIDATION_FOREIGN_COUNTRY_OR_CONTINENT_IN_STATE = finding(
        geography.FOREIGN_COUNTRY_OR_CONTINENT
    )
    VALIDATION_POSSIBLE_FOREIGN_COUNTRY_IN_STATE = finding(
        geography.POSSIBLE_FOREIGN_COUNTRY
    )

    RULE = staticmethod(geography.check)

    def __init__(self):
        super().__init__()
        placenames.data()  # read the country data now, not while linting


class SubdivisionValidator(SemanticAttributeValidator):
    """Finds a stateOrProvinceName that is no known subdivision of the subject's country:
    `重庆币` ("Chongqing coin", Bugzilla 1978186) for `重庆市` under C=CN.

    Requirement: TLS BR 7.1.2.7.3/7.1.2.7.4 -- stateOrProvinceName, "If present, MUST contain
    the Subject's state or province information", verified under 3.2.2.1 / 3.2.3; EV
    Guidelines 7.1.4.2.4 -- jurisdictionStateOrProvinceName is the full name of the
    jurisdiction (compared with jurisdictionCountryName).

    Severity: NOTICE -- a heuristic. The BRs do not require ISO 3166-2 names, and the
    gazetteer (ISO 3166-2 names, translations, local and common names, codes, the address
    counties of the UK) cannot hold every spelling in use; the measured recognition rate is in
    docs/subdivision-recognition.md. Silent for C=XX, an absent or unassigned country, and
    countries without ISO 3166-2 subdivisions, and where another rule already reports the
    value (a country or continent, DN syntax inside the value, no letters at all).
    """

    VALIDATION_UNRECOGNIZED_SUBDIVISION = finding(subdivisions.UNRECOGNIZED_SUBDIVISION)

    RULE = staticmethod(subdivisions.check)

    def __init__(self):
        super().__init__()
        placenames.data()  # read the subdivision data now, not while linting


class PlaceNameAddressPartsValidator(SemanticAttributeValidator):
    """Finds a whole address line in a place attribute: a postal code (`CA 94043`,
    `Chiyoda-ku, Tokyo 100-0001`), a street address (`1600 Amphitheatre Parkway, Mountain
    View`), or comma-separated parts of which one is the subject's other place attribute
    (`Chiyoda-ku, Tokyo` beside ST `Tokyo`).

    Requirement: TLS BR 7.1.2.7.3/7.1.2.7.4 -- localityName and stateOrProvinceName, "If
    present, MUST contain the Subject's locality information" / "state or province
    information" (S/MIME BR 7.1.4.2.2 likewise); postal and street information have their own
    attributes. EV Guidelines 7.1.4.2.4 -- jurisdiction fields "MUST NOT contain information
    that is not relevant to the level of the Incorporating Agency or Registration Agency".

    Severity: NOTICE -- heuristics, as the issue's severity guidance says for joined address
    parts. Real names contain commas, numbers and street words (`Washington, D.C.`, `Bristol,
    City of`, `100 Mile House`, `Neustadt an der Weinstraße`), so only narrow shapes count:
    national postal code formats, a house number next to a street type word, P.O. boxes,
    Japanese block numbers, the subject's own postalCode or streetAddress; official names
    with commas (ISO 3166-2) and inverted names (`X, City of`) are never "joined".
    """

    VALIDATION_POSTAL_CODE_IN_PLACE_NAME = finding(address.POSTAL_CODE_IN_PLACE_NAME)
    VALIDATION_STREET_ADDRESS_IN_PLACE_NAME = finding(
        address.STREET_ADDRESS_IN_PLACE_NAME
    )
    VALIDATION_JOINED_PLACE_NAMES = finding(address.JOINED_PLACE_NAMES)

    RULE = staticmethod(address.check_place_name)


class PostalCodeValidator(SemanticAttributeValidator):
    """Finds a postalCode that carries more than the postal code: a place name (`1260 Nyon`,
    SwissSign, Bugzilla 1569651) or a country prefix (`NLD-3707BK`, Buypass, 2017).

    Requirement: TLS BR 7.1.2.7.3/7.1.2.7.4 -- postalCode, "If present, MUST contain the
    Subject's zip or postal information" (S/MIME BR 7.1.4.2.2 likewise); the place name
    belongs in localityName, the country in countryName.

    Severity: NOTICE -- heuristics. Postal code formats differ by country: letters are part of
    the code in GB, CA, NL, IE, MT, AR and others (`SW1A 1AA`, `K1A 0B1`, `VLT 1117`), and an
    ISO prefix is official in a few countries (`LV-1050`, `LT-01100`, `MD-2001`, `AZ 1000`,
    `AD500`, `L-1234`); those are accepted. Only words that no format has (mixed-case or
    four-letter words, the subject's own localityName or stateOrProvinceName, any letters
    where the country's codes are digits only) and the subject's own country code before the
    code count.
    """

    VALIDATION_PLACE_NAME_IN_POSTAL_CODE = finding(address.PLACE_NAME_IN_POSTAL_CODE)
    VALIDATION_COUNTRY_PREFIX_IN_POSTAL_CODE = finding(
        address.COUNTRY_PREFIX_IN_POSTAL_CODE
    )

    RULE = staticmethod(address.check_postal_code)


class StructuredDataLeakValidator(SemanticAttributeValidator):
    """Finds form, export and template syntax in a value: a JSON or XML structure
    (`{"ST": "Tokyo"}`), a field label (`State: Tokyo`, `stateOrProvinceName: Tokyo`), an
    unsubstituted template variable (`${state}`, `{{city}}`, `%s`), quotes around the whole
    value (`"Tokyo"`).

    Requirement: TLS BR 7.1.2.7.2-7.1.2.7.4 -- each present subject attribute MUST contain the
    Subject's information of its type (S/MIME BR 7.1.4.2.2 likewise); and "subject Attributes
    MUST NOT contain ... any other indication that the value is absent, incomplete, or not
    applicable", which an unsubstituted template variable is.

    Severity: ERROR for structures, template variables and field labels (a DN keyword or a
    form label of several letters, followed by `:`; a form label followed by `=`): no real
    name has these shapes, and the value is not the information itself. NOTICE for a
    single-letter keyword and `:` at the very start (`S: ...`, `E: ...` could be a name),
    unless what follows repeats the subject's attribute of that type (Swedish `S:t Karins`,
    with no space after the colon, is never a label). WARNING for a value wrapped in double
    quotes: almost certainly CSV/JSON/shell quoting, but a registered name could in
    principle be quoted. NOTICE for single quotes, which also transliterate Arabic ʿayn and
    hamza at both ends of real names (`‘Uyūn al Jiwā’`). Apostrophes inside words (`St.
    John's`) and inner quotes (`The "Best" Company`) are not wrapping. The description
    attribute (free text) is exempt from the label and quote checks; HTML entities are stock
    pkilint's and `KEYWORD=` is EmbeddedAttributeAssignmentValidator's.
    """

    VALIDATION_STRUCTURED_DATA = finding(leaks.STRUCTURED_DATA)
    VALIDATION_TEMPLATE_PLACEHOLDER = finding(leaks.TEMPLATE_PLACEHOLDER)
    VALIDATION_FIELD_LABEL = finding(leaks.FIELD_LABEL)
    VALIDATION_POSSIBLE_FIELD_LABEL = finding(leaks.POSSIBLE_FIELD_LABEL)
    VALIDATION_QUOTED_VALUE = finding(leaks.QUOTED_VALUE)
    VALIDATION_POSSIBLE_QUOTED_VALUE = finding(leaks.POSSIBLE_QUOTED_VALUE)

    RULE = staticmethod(leaks.check_structure)


class EncodingLeakValidator(SemanticAttributeValidator):
    """Finds values damaged by an encoding step: URL percent-encoding (`Tokyo%2C%20C%3DJP`),
    the replacement character U+FFFD, and UTF-8 decoded as Windows-1252 or Latin-1
    (`MÃ¼nchen`; Sectigo, Bugzilla 1724458, 41 certificates).

    Requirement: TLS BR 7.1.2.7.2-7.1.2.7.4 -- each present subject attribute MUST contain the
    Subject's information as verified (S/MIME BR 7.1.4.2.2 likewise); `MÃ¼nchen` or
    `M\ufffdnchen` is not the verified name `München`.

    Severity: ERROR for U+FFFD (characters were irrecoverably lost; pkimetal reports it as an
    error too) and for percent-encoded separators, quotes, white space or UTF-8 text (`%2C`,
    `%20`, `%C3%BC` never stand in a name; a lone `%DE` after a number is left alone).
    WARNING when the whole value re-decodes as UTF-8 into a shorter, plausible text: very
    likely mojibake, not provable (pkimetal's ftfy check warns likewise). NOTICE when only
    some sequences of a mixed value look like mojibake. Portuguese `SÃO PAULO` and other
    accented capitals never qualify: an accented letter followed by a letter is no UTF-8
    sequence.
    """

    VALIDATION_PERCENT_ENCODED = finding(leaks.PERCENT_ENCODED)
    VALIDATION_REPLACEMENT_CHARACTER = finding(leaks.REPLACEMENT_CHARACTER)
    VALIDATION_MOJIBAKE = finding(leaks.MOJIBAKE)
    VALIDATION_POSSIBLE_MOJIBAKE = finding(leaks.POSSIBLE_MOJIBAKE)

    RULE = staticmethod(leaks.check_encoding)


# The validator classes in the order they are registered; one instance of each per container.
VALIDATOR_CLASSES: tuple[type[SemanticAttributeValidator], ...] = (
    EmbeddedAttributeAssignmentValidator,
    PlaceholderValueValidator,
    NotApplicableValueValidator,
    ControlAndInvisibleCharacterValidator,
    WhitespaceValidator,
    CountryInPlaceNameValidator,
    SubdivisionValidator,
    PlaceNameAddressPartsValidator,
    PostalCodeValidator,
    StructuredDataLeakValidator,
    EncodingLeakValidator,
)


class SemanticDnValidator(validation.Validator):
    """Runs every rule validator above in one visit per distinguished name.

    pkilint calls `match()` of every validator in a container on every node of the name, and
    `validate()` on every match; eleven rule validators cost eleven calls per attribute. This
    one matches the RDNSequence node, reads each attribute's type and value once, and asks
    only the rules that can report on it (their `rules.scope`: the attribute type, and
    whether the value is plain) for their results. Each finding is still reported on its
    attribute's node and under its own rule validator's name (the `validator` column of
    pkilint's output), exactly as if the rule validators were in the container themselves,
    and `validations` lists every rule's codes. The registration adds this validator; the
    rule classes remain usable one by one.
    """

    switched_off = False

    def __init__(self, rule_validators=None):
        if rule_validators is None:
            rule_validators = [cls() for cls in VALIDATOR_CLASSES]
        self.rule_validators = list(rule_validators)
        codes = {}
        for v in self.rule_validators:
            for f in v.validations:
                if f is not self.VALIDATION_FINDING_UNHANDLED_EXCEPTION:
                    codes.setdefault(f.code, f)
        super().__init__(validations=list(codes.values()), pdu_class=_RDN_SEQUENCE)
        # The rule validators that can report on each attribute type, worked out once: a
        # typical subject attribute concerns 6 to 8 of the 11 rules, and a call that returns
        # at once still costs about as much as a cheap rule's work.
        types = set(attributes.BY_OID)
        for v in self.rule_validators:
            types |= getattr(v.RULE, "only_attributes", None) or set()
        self._by_type = {oid: self._rules_for(oid) for oid in types}
        self._for_other_types = self._rules_for(None)

    def _rules_for(self, oid: str | None) -> tuple[tuple, tuple]:
        """The (validator, rule) pairs that can report on an attribute of type `oid` (None: a
        type that no rule names), for any value and for plain values (`rules.is_plain`);
        rules whose codes are all disabled are left out."""
        candidates = [
            (v, v.RULE)
            for v in self.rule_validators
            if v._findings and rules.may_report(v.RULE, oid)
        ]
        plain = [
            (v, rule)
            for v, rule in candidates
            if getattr(rule, "reports_plain_values", True)
        ]
        return tuple(candidates), tuple(plain)

    def match(self, node):
        # One visit per distinguished name, not per attribute: pkilint's container calls
        # validate() once, and the name's attributes are checked in one tight loop.
        return not self.switched_off and isinstance(node.pdu, _RDN_SEQUENCE)

    def validate(self, node):
        # Read straight from the nodes, not through the per-node cache the rule validators
        # share: each attribute is read once here, so a cache would save nothing.
        nodes = [atv for rdn in node.children.values() for atv in rdn.children.values()]
        subject = IndexedSubject(
            [(attribute_type(atv), attribute_value(atv)) for atv in nodes]
        )
        results = []
        for atv, (oid, value) in zip(nodes, subject):
            if value is None:
                continue
            any_value, plain_value = self._by_type.get(oid, self._for_other_types)
            # SemanticAttributeValidator.results_for, inlined: one call per rule, not two.
            for v, rule in plain_value if rules.is_plain(value) else any_value:
                if v.switched_off:
                    continue
                try:
                    hits = rule(oid, value, subject)
                except Exception as e:
                    results += v._failure(atv, e)
                    continue
                if hits:
                    results += v.results_from(atv, hits)
        return results
