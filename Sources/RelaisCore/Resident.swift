/// A resident's consent to Relais keeping their personal data (RGPD).
public struct Consent: Sendable, Hashable, Codable {
    /// The day consent was given.
    public let date: LocalDate
    /// The version of the consent text the resident accepted, e.g. `2026-01`.
    public let textVersion: String

    /// Creates a consent record; the text version is 1–50 characters.
    public init(date: LocalDate, textVersion: String) throws(ValidationError) {
        self.date = date
        self.textVersion = try TextRules.required(textVersion, field: "consent_version", limit: 50)
    }

    /// Decodes and re-checks the consent.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            date: try c.decode(LocalDate.self, forKey: .date),
            textVersion: try c.decode(String.self, forKey: .textVersion))
    }
}

/// What Relais knows to identify a followed resident: personal data under the RGPD.
public struct PersonalDetails: Sendable, Hashable, Codable {
    /// First name (required; a resident may be known by it alone), 1–100 characters.
    public let firstName: String
    /// Last name, up to 100 characters.
    public let lastName: String?
    /// Phone in E.164 form (`+33612345678`).
    public let phone: String?
    /// E-mail address.
    public let email: String?
    /// The consent the resident gave for this record.
    public let consent: Consent

    /// Creates personal details, trimming text, normalising the phone and checking the e-mail.
    public init(
        firstName: String, lastName: String? = nil, phone: String? = nil, email: String? = nil,
        consent: Consent
    ) throws(ValidationError) {
        self.firstName = try TextRules.required(firstName, field: "first_name", limit: Resident.nameLimit)
        self.lastName = try TextRules.optional(lastName, field: "last_name", limit: Resident.nameLimit)
        self.phone = try TextRules.optional(phone, field: "phone", limit: 40).map {
            (text) throws(ValidationError) in try Phone.normalize(text)
        }
        self.email = try TextRules.optional(email, field: "email", limit: Email.maxLength).map {
            (text) throws(ValidationError) in try Email.normalize(text)
        }
        self.consent = consent
    }

    /// Decodes and re-checks the details.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            firstName: try c.decode(String.self, forKey: .firstName),
            lastName: try c.decodeIfPresent(String.self, forKey: .lastName),
            phone: try c.decodeIfPresent(String.self, forKey: .phone),
            email: try c.decodeIfPresent(String.self, forKey: .email),
            consent: try c.decode(Consent.self, forKey: .consent))
    }
}

/// A resident (*bénéficiaire*): followed (named, with consent) or anonymous (statistics only).
///
/// Statistical fields (gender, birth year, social status, commune, postcode) survive the
/// retention purge; `anonymised()` drops the personal details and keeps them.
public struct Resident: Sendable, Hashable, Codable {
    /// Followed with personal details, or anonymous.
    public enum Identity: Sendable, Hashable, Codable {
        /// A named resident whose request can be followed across visits.
        case followed(PersonalDetails)
        /// A resident known only through statistical fields.
        case anonymous
    }

    /// The longest first or last name accepted.
    public static let nameLimit = 100

    /// The database id, `nil` before storage.
    public var id: Int64?
    /// Followed (with details) or anonymous.
    public let identity: Identity
    /// Gender; `non_communique` when not given.
    public let gender: Gender
    /// Birth year, 1900…reference year; the age bracket derives from it.
    public let birthYear: Int?
    /// Social status; `non_communique` when not given.
    public let socialStatus: SocialStatus
    /// Commune of residence, e.g. "Échirolles".
    public let commune: String?
    /// French postcode, five digits.
    public let postcode: String?

    /// Creates a resident, checking the birth year against `referenceYear` (the current year).
    ///
    /// - Throws: `.outOfRange` on `birth_year` when before 1900 or after `referenceYear`;
    ///   `.tooLong` / `.invalidFormat` on `commune` / `postcode`.
    public init(
        id: Int64? = nil, identity: Identity, gender: Gender = .nonCommunique, birthYear: Int? = nil,
        socialStatus: SocialStatus = .nonCommunique, commune: String? = nil, postcode: String? = nil,
        referenceYear: Int
    ) throws(ValidationError) {
        self.id = id
        self.identity = identity
        self.gender = gender
        if let birthYear {
            _ = try TextRules.inRange(birthYear, 1900...max(1900, referenceYear), field: "birth_year")
        }
        self.birthYear = birthYear
        self.socialStatus = socialStatus
        self.commune = try TextRules.optional(commune, field: "commune", limit: 100)
        let postcode = try TextRules.optional(postcode, field: "postcode", limit: 5)
        if let postcode, postcode.count != 5 || !postcode.allSatisfy(\.isASCIIDigit) {
            throw .invalidFormat("postcode", expected: "38130")
        }
        self.postcode = postcode
    }

    /// A followed resident: first name required, everything else optional, consent recorded.
    public static func followed(
        id: Int64? = nil, firstName: String, lastName: String? = nil, phone: String? = nil,
        email: String? = nil, consent: Consent, gender: Gender = .nonCommunique,
        birthYear: Int? = nil, socialStatus: SocialStatus = .nonCommunique,
        commune: String? = nil, postcode: String? = nil, referenceYear: Int
    ) throws(ValidationError) -> Resident {
        let details = try PersonalDetails(
            firstName: firstName, lastName: lastName, phone: phone, email: email, consent: consent)
        return try Resident(
            id: id, identity: .followed(details), gender: gender, birthYear: birthYear,
            socialStatus: socialStatus, commune: commune, postcode: postcode,
            referenceYear: referenceYear)
    }

    /// An anonymous resident: statistical fields only.
    public static func anonymous(
        id: Int64? = nil, gender: Gender = .nonCommunique, birthYear: Int? = nil,
        socialStatus: SocialStatus = .nonCommunique, commune: String? = nil,
        postcode: String? = nil, referenceYear: Int
    ) throws(ValidationError) -> Resident {
        try Resident(
            id: id, identity: .anonymous, gender: gender, birthYear: birthYear,
            socialStatus: socialStatus, commune: commune, postcode: postcode,
            referenceYear: referenceYear)
    }

    /// The personal details of a followed resident, `nil` when anonymous.
    public var details: PersonalDetails? {
        if case .followed(let details) = identity { return details }
        return nil
    }

    /// Whether the resident is anonymous.
    public var isAnonymous: Bool { details == nil }

    /// The age bracket at `referenceYear`, `non_communique` without a birth year.
    public func ageBracket(referenceYear: Int) -> AgeBracket {
        AgeBracket.from(birthYear: birthYear, referenceYear: referenceYear)
    }

    /// The same resident without personal details: what survives a retention purge or erasure.
    public func anonymised() -> Resident {
        Resident(unchecked: self, identity: .anonymous)
    }

    private init(unchecked other: Resident, identity: Identity) {
        id = other.id
        self.identity = identity
        gender = other.gender
        birthYear = other.birthYear
        socialStatus = other.socialStatus
        commune = other.commune
        postcode = other.postcode
    }

    /// Decodes without re-checking the birth year against today (stored data was checked).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let birthYear = try c.decodeIfPresent(Int.self, forKey: .birthYear)
        try self.init(
            id: try c.decodeIfPresent(Int64.self, forKey: .id),
            identity: try c.decode(Identity.self, forKey: .identity),
            gender: try c.decodeIfPresent(Gender.self, forKey: .gender) ?? .nonCommunique,
            birthYear: birthYear,
            socialStatus: try c.decodeIfPresent(SocialStatus.self, forKey: .socialStatus) ?? .nonCommunique,
            commune: try c.decodeIfPresent(String.self, forKey: .commune),
            postcode: try c.decodeIfPresent(String.self, forKey: .postcode),
            referenceYear: LocalDate.yearRange.upperBound)
    }
}
