/// Anonymous workshop participants, counted per gender, age bracket and social status.
///
/// Each dimension sums to `total`; what is not broken down counts as `non_communique`.
public struct AnonymousParticipants: Sendable, Hashable, Codable {
    /// How many anonymous participants there were.
    public let total: Int
    /// Counts per gender (summing to `total`).
    public let byGender: [Gender: Int]
    /// Counts per age bracket (summing to `total`).
    public let byAgeBracket: [AgeBracket: Int]
    /// Counts per social status (summing to `total`).
    public let bySocialStatus: [SocialStatus: Int]

    /// No anonymous participant.
    public static let none = AnonymousParticipants(
        uncheckedTotal: 0, byGender: [:], byAgeBracket: [:], bySocialStatus: [:])

    /// The rule that a breakdown cannot count more people than the total.
    public static let breakdownExceedsTotal = ValidationError.Rule(
        id: "anonymous_breakdown_exceeds_total",
        en: "the breakdown counts more participants than the total",
        fr: "la répartition compte plus de participants que le total")

    /// Creates counts; each breakdown may be partial (the rest is `non_communique`).
    ///
    /// - Throws: `.outOfRange` on a negative count, `.rule` when a breakdown exceeds `total`.
    public init(
        total: Int, byGender: [Gender: Int] = [:], byAgeBracket: [AgeBracket: Int] = [:],
        bySocialStatus: [SocialStatus: Int] = [:]
    ) throws(ValidationError) {
        _ = try TextRules.inRange(total, 0...10_000, field: "anonymous_participants")
        self.total = total
        self.byGender = try Self.completed(
            byGender, total: total, rest: .nonCommunique, field: "anonymous_by_gender")
        self.byAgeBracket = try Self.completed(
            byAgeBracket, total: total, rest: .nonCommunique, field: "anonymous_by_age_bracket")
        self.bySocialStatus = try Self.completed(
            bySocialStatus, total: total, rest: .nonCommunique, field: "anonymous_by_social_status")
    }

    private init(
        uncheckedTotal total: Int, byGender: [Gender: Int], byAgeBracket: [AgeBracket: Int],
        bySocialStatus: [SocialStatus: Int]
    ) {
        self.total = total
        self.byGender = byGender
        self.byAgeBracket = byAgeBracket
        self.bySocialStatus = bySocialStatus
    }

    private static func completed<Key: Taxonomy>(
        _ counts: [Key: Int], total: Int, rest: Key, field: String
    ) throws(ValidationError) -> [Key: Int] {
        var result: [Key: Int] = [:]
        for (key, count) in counts {
            guard count >= 0 else { throw .outOfRange(field, min: 0, max: total) }
            if count > 0 { result[key] = count }
        }
        let counted = result.values.reduce(0, +)
        guard counted <= total else { throw .rule(field, breakdownExceedsTotal) }
        if counted < total { result[rest, default: 0] += total - counted }
        return result
    }

    private enum CodingKeys: String, CodingKey {
        case total, byGender, byAgeBracket, bySocialStatus
    }

    /// Decodes `{"total": 3, "byGender": {"feminin": 2}, …}` and re-checks it.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func counts<Key: Taxonomy>(_ key: CodingKeys, as: Key.Type) throws -> [Key: Int] {
            let raw = try c.decodeIfPresent([String: Int].self, forKey: key) ?? [:]
            var result: [Key: Int] = [:]
            for (code, count) in raw { result[try Key.parse(code)] = count }
            return result
        }
        try self.init(
            total: try c.decode(Int.self, forKey: .total),
            byGender: try counts(.byGender, as: Gender.self),
            byAgeBracket: try counts(.byAgeBracket, as: AgeBracket.self),
            bySocialStatus: try counts(.bySocialStatus, as: SocialStatus.self))
    }

    /// Encodes the breakdowns as objects keyed by code.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(total, forKey: .total)
        try c.encode(Dictionary(uniqueKeysWithValues: byGender.map { ($0.code, $1) }), forKey: .byGender)
        try c.encode(
            Dictionary(uniqueKeysWithValues: byAgeBracket.map { ($0.code, $1) }), forKey: .byAgeBracket)
        try c.encode(
            Dictionary(uniqueKeysWithValues: bySocialStatus.map { ($0.code, $1) }), forKey: .bySocialStatus)
    }
}

/// An activity for the funder (*compte rendu d’activité*, CRA): an individual accompaniment
/// or a collective workshop, in La Coop de la médiation numérique's vocabulary.
public struct Accompaniment: Sendable, Hashable, Codable {
    /// The longest procedure name accepted.
    public static let procedureLimit = 200

    /// The database id, `nil` before storage.
    public var id: Int64?
    /// Individual or collective.
    public let type: ActivityType
    /// The day it took place.
    public let date: LocalDate
    /// How long it lasted, 1…1440 minutes.
    public let durationMinutes: Int
    /// Where it took place.
    public let placeType: PlaceType
    /// The site (required for `lieu_activite`).
    public let siteCode: String?
    /// The commune (required for `domicile` and `autre`).
    public let commune: String?
    /// The equipment used; `aucun` stands alone.
    public let equipment: [EquipmentUsed]
    /// At least one theme, without duplicates.
    public let themes: [Theme]
    /// Administrative sub-themes, only with `aide_aux_demarches_administratives`.
    public let subThemes: [AdministrativeSubTheme]
    /// The procedure's name, free text (e.g. "renouvellement CSS"), at most 200 characters.
    public let procedure: String?
    /// How autonomous the resident was (individual only).
    public let autonomy: Autonomy?
    /// Where the resident was referred, if anywhere.
    public let referral: ReferralStructure?
    /// The staff code of the conseiller who did it.
    public let staffCode: String?
    /// The help request this work belongs to (individual only).
    public let requestId: Int64?
    /// The workshop's title (collective only, required there), at most 200 characters.
    public let title: String?
    /// The workshop's level (collective only).
    public let level: WorkshopLevel?
    /// The planned session it records (collective only).
    public let sessionId: Int64?
    /// Named participants (resident ids); at most one for an individual accompaniment.
    public let residentIds: [Int64]
    /// Anonymous participants' counts.
    public let anonymous: AnonymousParticipants

    /// Rules this type enforces, for callers that match `ValidationError.ruleID`.
    public enum Rules {
        /// `lieu_activite` names a site.
        public static let siteRequired = ValidationError.Rule(
            id: "site_required_for_lieu_activite",
            en: "a site is required when the place type is lieu_activite",
            fr: "un lieu est obligatoire quand le type de lieu est lieu_activite")
        /// `domicile` / `autre` name a commune.
        public static let communeRequired = ValidationError.Rule(
            id: "commune_required_for_domicile_or_autre",
            en: "a commune is required when the place type is domicile or autre",
            fr: "une commune est obligatoire quand le type de lieu est domicile ou autre")
        /// Autonomy is recorded for individual accompaniments only.
        public static let autonomyIndividualOnly = ValidationError.Rule(
            id: "autonomy_individual_only",
            en: "autonomy is recorded for individual accompaniments only",
            fr: "l’autonomie ne se renseigne que pour un accompagnement individuel")
        /// Title, level and session belong to collective workshops.
        public static let workshopFieldsCollectiveOnly = ValidationError.Rule(
            id: "workshop_fields_collective_only",
            en: "title, level and session are for collective workshops only",
            fr: "titre, niveau et séance ne concernent que les ateliers collectifs")
        /// A request link belongs to individual accompaniments.
        public static let requestIndividualOnly = ValidationError.Rule(
            id: "request_individual_only",
            en: "only an individual accompaniment is linked to a help request",
            fr: "seul un accompagnement individuel se rattache à une demande")
        /// A workshop has at least one participant, named or anonymous.
        public static let workshopNeedsParticipant = ValidationError.Rule(
            id: "workshop_needs_participant",
            en: "a collective workshop needs at least one participant, named or anonymous",
            fr: "un atelier collectif compte au moins un participant, nommé ou anonyme")
        /// An individual accompaniment concerns one resident at most.
        public static let individualSingleParticipant = ValidationError.Rule(
            id: "individual_single_participant",
            en: "an individual accompaniment concerns one resident at most",
            fr: "un accompagnement individuel concerne une seule personne au plus")
        /// `aucun` cannot be combined with other equipment.
        public static let noEquipmentAlone = ValidationError.Rule(
            id: "no_equipment_alone",
            en: "aucun (no equipment) cannot be combined with other equipment",
            fr: "aucun (pas de matériel) ne se combine pas avec un autre matériel")
    }

    /// Creates an activity, enforcing the Coop's rules.
    ///
    /// - Throws: `ValidationError` naming the field: `duration_minutes` (1…1440), `themes`
    ///   (at least one), `sub_themes`, `site_code` (for `lieu_activite`), `commune` (for
    ///   `domicile` / `autre`), `procedure` (≤ 200), `autonomy` (individual only), `title`
    ///   (required for collective), `participants`, `equipment`.
    public init(
        id: Int64? = nil, type: ActivityType, date: LocalDate, durationMinutes: Int,
        placeType: PlaceType, siteCode: String? = nil, commune: String? = nil,
        equipment: [EquipmentUsed] = [], themes: [Theme], subThemes: [AdministrativeSubTheme] = [],
        procedure: String? = nil, autonomy: Autonomy? = nil, referral: ReferralStructure? = nil,
        staffCode: String? = nil, requestId: Int64? = nil, title: String? = nil,
        level: WorkshopLevel? = nil, sessionId: Int64? = nil, residentIds: [Int64] = [],
        anonymous: AnonymousParticipants = .none
    ) throws(ValidationError) {
        typealias R = Rules
        self.id = id
        self.type = type
        self.date = date
        self.durationMinutes = try TextRules.inRange(
            durationMinutes, 1...(24 * 60), field: "duration_minutes")
        self.placeType = placeType
        self.siteCode = try TextRules.optionalCode(siteCode, field: "site_code")
        self.commune = try TextRules.optional(commune, field: "commune", limit: 100)
        switch placeType {
        case .lieuActivite where self.siteCode == nil: throw .rule("site_code", R.siteRequired)
        case .domicile where self.commune == nil, .autre where self.commune == nil:
            throw .rule("commune", R.communeRequired)
        default: break
        }
        let equipment = equipment.uniqued()
        if equipment.contains(.aucun) && equipment.count > 1 {
            throw .rule("equipment", R.noEquipmentAlone)
        }
        self.equipment = equipment
        (self.themes, self.subThemes) = try ThemeRules.check(
            themes: themes, subThemes: subThemes, requireTheme: true)
        self.procedure = try TextRules.optional(procedure, field: "procedure", limit: Self.procedureLimit)
        self.referral = referral
        self.staffCode = try TextRules.optionalCode(staffCode, field: "staff_code")
        let residentIds = residentIds.uniqued()
        self.residentIds = residentIds
        self.anonymous = anonymous
        switch type {
        case .individuel:
            if title != nil || level != nil || sessionId != nil {
                throw .rule(
                    title != nil ? "title" : level != nil ? "level" : "session_id",
                    R.workshopFieldsCollectiveOnly)
            }
            if residentIds.count + anonymous.total > 1 {
                throw .rule("participants", R.individualSingleParticipant)
            }
            self.autonomy = autonomy
            self.requestId = requestId
            self.title = nil
            self.level = nil
            self.sessionId = nil
        case .collectif:
            if autonomy != nil { throw .rule("autonomy", R.autonomyIndividualOnly) }
            if requestId != nil { throw .rule("request_id", R.requestIndividualOnly) }
            self.title = try TextRules.required(title ?? "", field: "title", limit: 200)
            if residentIds.isEmpty && anonymous.total == 0 {
                throw .rule("participants", R.workshopNeedsParticipant)
            }
            self.autonomy = nil
            self.requestId = nil
            self.level = level
            self.sessionId = sessionId
        }
    }

    /// Named plus anonymous participants.
    public var participantCount: Int { residentIds.count + anonymous.total }

    /// The statistics bucket of the duration.
    public var durationBucket: DurationBucket { DurationBucket(minutes: durationMinutes) }

    /// Decodes and re-checks the activity.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            id: try c.decodeIfPresent(Int64.self, forKey: .id),
            type: try c.decode(ActivityType.self, forKey: .type),
            date: try c.decode(LocalDate.self, forKey: .date),
            durationMinutes: try c.decode(Int.self, forKey: .durationMinutes),
            placeType: try c.decode(PlaceType.self, forKey: .placeType),
            siteCode: try c.decodeIfPresent(String.self, forKey: .siteCode),
            commune: try c.decodeIfPresent(String.self, forKey: .commune),
            equipment: try c.decodeIfPresent([EquipmentUsed].self, forKey: .equipment) ?? [],
            themes: try c.decode([Theme].self, forKey: .themes),
            subThemes: try c.decodeIfPresent([AdministrativeSubTheme].self, forKey: .subThemes) ?? [],
            procedure: try c.decodeIfPresent(String.self, forKey: .procedure),
            autonomy: try c.decodeIfPresent(Autonomy.self, forKey: .autonomy),
            referral: try c.decodeIfPresent(ReferralStructure.self, forKey: .referral),
            staffCode: try c.decodeIfPresent(String.self, forKey: .staffCode),
            requestId: try c.decodeIfPresent(Int64.self, forKey: .requestId),
            title: try c.decodeIfPresent(String.self, forKey: .title),
            level: try c.decodeIfPresent(WorkshopLevel.self, forKey: .level),
            sessionId: try c.decodeIfPresent(Int64.self, forKey: .sessionId),
            residentIds: try c.decodeIfPresent([Int64].self, forKey: .residentIds) ?? [],
            anonymous: try c.decodeIfPresent(AnonymousParticipants.self, forKey: .anonymous) ?? .none)
    }
}
