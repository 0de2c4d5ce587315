/// A resident's gender as the funder counts it; unknown is `non_communique`.
public enum Gender: String, Taxonomy {
    case masculin
    case feminin
    case nonCommunique = "non_communique"

    /// The field name used in messages.
    public static var fieldName: String { "gender" }
    /// The ANCT French label.
    public var labelFR: String {
        switch self {
        case .masculin: "Masculin"
        case .feminin: "Féminin"
        case .nonCommunique: "Non communiqué"
        }
    }
    /// The English label.
    public var labelEN: String {
        switch self {
        case .masculin: "Male"
        case .feminin: "Female"
        case .nonCommunique: "Not given"
        }
    }
}

/// An age bracket, always derived from a birth year (never typed).
public enum AgeBracket: String, Taxonomy {
    case moinsDeDouze = "moins_de_douze"
    case douzeDixHuit = "douze_dix_huit"
    case dixHuitVingtQuatre = "dix_huit_vingt_quatre"
    case vingtCinqTrenteNeuf = "vingt_cinq_trente_neuf"
    case quaranteCinquanteNeuf = "quarante_cinquante_neuf"
    case soixanteSoixanteNeuf = "soixante_soixante_neuf"
    case soixanteDixPlus = "soixante_dix_plus"
    case nonCommunique = "non_communique"

    /// The bracket of someone born in `birthYear`, counted in whole years at `referenceYear`.
    ///
    /// Thresholds 12, 18, 25, 40, 60, 70. A missing birth year, or one after the reference
    /// year, gives `non_communique` (the `Resident` initialiser rejects the latter).
    public static func from(birthYear: Int?, referenceYear: Int) -> AgeBracket {
        guard let birthYear, birthYear <= referenceYear else { return .nonCommunique }
        switch referenceYear - birthYear {
        case ..<12: return .moinsDeDouze
        case 12..<18: return .douzeDixHuit
        case 18..<25: return .dixHuitVingtQuatre
        case 25..<40: return .vingtCinqTrenteNeuf
        case 40..<60: return .quaranteCinquanteNeuf
        case 60..<70: return .soixanteSoixanteNeuf
        default: return .soixanteDixPlus
        }
    }

    /// The field name used in messages.
    public static var fieldName: String { "age_bracket" }
    /// The ANCT French label.
    public var labelFR: String {
        switch self {
        case .moinsDeDouze: "Moins de 12 ans"
        case .douzeDixHuit: "12 - 17 ans"
        case .dixHuitVingtQuatre: "18 - 24 ans"
        case .vingtCinqTrenteNeuf: "25 - 39 ans"
        case .quaranteCinquanteNeuf: "40 - 59 ans"
        case .soixanteSoixanteNeuf: "60 - 69 ans"
        case .soixanteDixPlus: "70 ans et plus"
        case .nonCommunique: "Non communiqué"
        }
    }
    /// The English label.
    public var labelEN: String {
        switch self {
        case .moinsDeDouze: "Under 12"
        case .douzeDixHuit: "12 - 17"
        case .dixHuitVingtQuatre: "18 - 24"
        case .vingtCinqTrenteNeuf: "25 - 39"
        case .quaranteCinquanteNeuf: "40 - 59"
        case .soixanteSoixanteNeuf: "60 - 69"
        case .soixanteDixPlus: "70 and over"
        case .nonCommunique: "Not given"
        }
    }
}

/// A resident's social status as the funder counts it.
public enum SocialStatus: String, Taxonomy {
    case scolarise
    case sansEmploi = "sans_emploi"
    case enEmploi = "en_emploi"
    case retraite
    case nonCommunique = "non_communique"

    /// The field name used in messages.
    public static var fieldName: String { "social_status" }
    /// The ANCT French label.
    public var labelFR: String {
        switch self {
        case .scolarise: "Scolarisé"
        case .sansEmploi: "Sans emploi"
        case .enEmploi: "En emploi"
        case .retraite: "Retraité"
        case .nonCommunique: "Non communiqué ou hétérogène"
        }
    }
    /// The English label.
    public var labelEN: String {
        switch self {
        case .scolarise: "In education"
        case .sansEmploi: "Unemployed"
        case .enEmploi: "Employed"
        case .retraite: "Retired"
        case .nonCommunique: "Not given or mixed"
        }
    }
}
