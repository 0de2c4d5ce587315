/// A member of the team: conseiller numérique, desk agent or coordinator.
public struct StaffMember: Sendable, Hashable, Codable {
    /// The database id, `nil` before storage.
    public var id: Int64?
    /// The short stable code, e.g. `c-amina`.
    public let code: String
    /// First name, 1–100 characters.
    public let firstName: String
    /// Last name, 1–100 characters.
    public let lastName: String
    /// What they do.
    public let role: StaffRole
    /// The themes a conseiller can teach; empty for other roles.
    public let skills: Set<Theme>
    /// The codes of the sites where they work.
    public let siteCodes: Set<String>
    /// Contracted working time per week, in minutes (0…2880, i.e. at most 48 h).
    public let contractedMinutesPerWeek: Int
    /// Whether they currently work here (inactive staff keep their history).
    public let active: Bool

    /// The rule that only conseillers carry skills.
    public static let skillsOnlyForConseillers = ValidationError.Rule(
        id: "skills_only_for_conseillers",
        en: "only a conseiller numérique has teaching skills",
        fr: "seul un conseiller numérique a des compétences d’animation")

    /// Creates a staff member, checking codes, names and the skills rule.
    public init(
        id: Int64? = nil, code: String, firstName: String, lastName: String, role: StaffRole,
        skills: Set<Theme> = [], siteCodes: Set<String> = [], contractedMinutesPerWeek: Int = 35 * 60,
        active: Bool = true
    ) throws(ValidationError) {
        self.id = id
        self.code = try TextRules.code(code, field: "staff_code")
        self.firstName = try TextRules.required(firstName, field: "first_name", limit: 100)
        self.lastName = try TextRules.required(lastName, field: "last_name", limit: 100)
        self.role = role
        if role != .conseiller && !skills.isEmpty {
            throw .rule("skills", Self.skillsOnlyForConseillers)
        }
        self.skills = skills
        var sites = Set<String>()
        for site in siteCodes { sites.insert(try TextRules.code(site, field: "site_code")) }
        self.siteCodes = sites
        self.contractedMinutesPerWeek = try TextRules.inRange(
            contractedMinutesPerWeek, 0...2880, field: "contracted_minutes_per_week")
        self.active = active
    }

    /// "First Last".
    public var displayName: String { "\(firstName) \(lastName)" }

    /// Decodes and re-checks the staff member.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            id: try c.decodeIfPresent(Int64.self, forKey: .id),
            code: try c.decode(String.self, forKey: .code),
            firstName: try c.decode(String.self, forKey: .firstName),
            lastName: try c.decode(String.self, forKey: .lastName),
            role: try c.decode(StaffRole.self, forKey: .role),
            skills: try c.decodeIfPresent(Set<Theme>.self, forKey: .skills) ?? [],
            siteCodes: try c.decodeIfPresent(Set<String>.self, forKey: .siteCodes) ?? [],
            contractedMinutesPerWeek: try c.decode(Int.self, forKey: .contractedMinutesPerWeek),
            active: try c.decodeIfPresent(Bool.self, forKey: .active) ?? true)
    }
}
