/// The six fields of digital inclusion a help request belongs to.
public enum InclusionField: String, Taxonomy {
    case equipmentAccess = "equipment_access"
    case connectivity = "connectivity"
    case technicalTraining = "technical_training"
    case digitalLiteracy = "digital_literacy"
    case usageAssistance = "usage_assistance"
    case hardwareSupport = "hardware_support"

    /// The field name used in messages.
    public static var fieldName: String { "field" }

    /// The French label from the town's studies.
    public var labelFR: String {
        switch self {
        case .equipmentAccess: "Accès au matériel (PC, smartphone, impression)"
        case .connectivity: "Accès à une connexion internet de qualité"
        case .technicalTraining: "Formation technique"
        case .digitalLiteracy: "Information, éducation populaire aux enjeux du numérique"
        case .usageAssistance: "Assistance aux usages, accès au droit"
        case .hardwareSupport: "Support matériel"
        }
    }

    /// The English label.
    public var labelEN: String {
        switch self {
        case .equipmentAccess: "Access to equipment (PC, smartphone, printing)"
        case .connectivity: "Access to a good internet connection"
        case .technicalTraining: "Technical training"
        case .digitalLiteracy: "Information and popular education on digital issues"
        case .usageAssistance: "Help with everyday uses, access to rights"
        case .hardwareSupport: "Hardware support"
        }
    }
}
