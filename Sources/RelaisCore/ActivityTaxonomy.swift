/// The kind of ANCT activity: an individual accompaniment or a collective workshop.
public enum ActivityType: String, Taxonomy {
    case individuel
    case collectif

    /// The field name used in messages.
    public static var fieldName: String { "activity_type" }
    /// The ANCT French label.
    public var labelFR: String {
        switch self {
        case .individuel: "Accompagnement individuel"
        case .collectif: "Atelier collectif"
        }
    }
    /// The English label.
    public var labelEN: String {
        switch self {
        case .individuel: "Individual accompaniment"
        case .collectif: "Collective workshop"
        }
    }
}

/// Where an activity took place (*canal*).
public enum PlaceType: String, Taxonomy {
    case lieuActivite = "lieu_activite"
    case domicile
    case aDistance = "a_distance"
    case autre

    /// The field name used in messages.
    public static var fieldName: String { "place_type" }
    /// The ANCT French label.
    public var labelFR: String {
        switch self {
        case .lieuActivite: "Lieu d’activité"
        case .domicile: "À domicile"
        case .aDistance: "À distance"
        case .autre: "Autre lieu"
        }
    }
    /// The English label.
    public var labelEN: String {
        switch self {
        case .lieuActivite: "Activity site"
        case .domicile: "At home"
        case .aDistance: "Remote"
        case .autre: "Other place"
        }
    }
}

/// The equipment used during an activity (*matériel utilisé*).
public enum EquipmentUsed: String, Taxonomy {
    case ordinateur
    case telephone
    case tablette
    case autre
    case aucun

    /// The field name used in messages.
    public static var fieldName: String { "equipment" }
    /// The ANCT French label.
    public var labelFR: String {
        switch self {
        case .ordinateur: "Ordinateur"
        case .telephone: "Téléphone"
        case .tablette: "Tablette"
        case .autre: "Autre"
        case .aucun: "Pas de matériel"
        }
    }
    /// The English label.
    public var labelEN: String {
        switch self {
        case .ordinateur: "Computer"
        case .telephone: "Phone"
        case .tablette: "Tablet"
        case .autre: "Other"
        case .aucun: "No equipment"
        }
    }
}

/// How autonomous the resident was at the end of an individual accompaniment.
public enum Autonomy: String, Taxonomy {
    case entierementAccompagne = "entierement_accompagne"
    case partiellementAutonome = "partiellement_autonome"
    case autonome

    /// The field name used in messages.
    public static var fieldName: String { "autonomy" }
    /// The ANCT French label.
    public var labelFR: String {
        switch self {
        case .entierementAccompagne: "Avec guidage (1/3)"
        case .partiellementAutonome: "Autonome avec guidage en cas de besoin (2/3)"
        case .autonome: "Autonome (3/3)"
        }
    }
    /// The English label.
    public var labelEN: String {
        switch self {
        case .entierementAccompagne: "Guided (1/3)"
        case .partiellementAutonome: "Autonomous with guidance when needed (2/3)"
        case .autonome: "Autonomous (3/3)"
        }
    }
}

/// The level of a collective workshop.
public enum WorkshopLevel: String, Taxonomy {
    case debutant
    case intermediaire
    case avance

    /// The field name used in messages.
    public static var fieldName: String { "level" }
    /// The ANCT French label.
    public var labelFR: String {
        switch self {
        case .debutant: "Débutant"
        case .intermediaire: "Intermédiaire"
        case .avance: "Avancé"
        }
    }
    /// The English label.
    public var labelEN: String {
        switch self {
        case .debutant: "Beginner"
        case .intermediaire: "Intermediate"
        case .avance: "Advanced"
        }
    }
}

/// The kind of partner structure a resident is referred to (*structure de redirection*).
public enum ReferralStructure: String, Taxonomy {
    case administration
    case mediationNumerique = "mediation_numerique"
    case operateurOuOrganismeEnCharge = "operateur_ou_organisme_en_charge"
    case aideSociale = "aide_sociale"
    case insertionProfessionnelle = "insertion_professionnelle"
    case aideAuxDemarchesAdministratives = "aide_aux_demarches_administratives"
    case autre

    /// The field name used in messages.
    public static var fieldName: String { "referral" }
    /// The ANCT French label.
    public var labelFR: String {
        switch self {
        case .administration: "Administration (mairie, préfecture…)"
        case .mediationNumerique: "Autre structure de médiation numérique"
        case .operateurOuOrganismeEnCharge:
            "Opérateur ou organisme en charge de la démarche administrative"
        case .aideSociale: "Structure d’aide sociale (maison des solidarités, centre social…)"
        case .insertionProfessionnelle:
            "Structure d’insertion professionnelle (France Travail, mission locale…)"
        case .aideAuxDemarchesAdministratives:
            "Structure d’aide aux démarches administratives (France Services…)"
        case .autre: "Autre"
        }
    }
    /// The English label.
    public var labelEN: String {
        switch self {
        case .administration: "Public administration (town hall, prefecture…)"
        case .mediationNumerique: "Another digital-inclusion organisation"
        case .operateurOuOrganismeEnCharge: "Operator or body in charge of the procedure"
        case .aideSociale: "Social-support organisation (solidarity centre, social centre…)"
        case .insertionProfessionnelle: "Employment-support organisation (France Travail, mission locale…)"
        case .aideAuxDemarchesAdministratives: "Administrative-help organisation (France Services…)"
        case .autre: "Other"
        }
    }
}

/// The statistics bucket of an activity's duration.
public enum DurationBucket: String, Taxonomy {
    case lessThan30Minutes = "moins_30_min"
    case thirtyMinutesToOneHour = "30_min_1_h"
    case oneToTwoHours = "1_h_2_h"
    case twoHoursOrMore = "2_h_plus"

    /// The bucket for a duration in minutes: < 30, 30–59, 60–119, 120 and more.
    public init(minutes: Int) {
        switch minutes {
        case ..<30: self = .lessThan30Minutes
        case 30..<60: self = .thirtyMinutesToOneHour
        case 60..<120: self = .oneToTwoHours
        default: self = .twoHoursOrMore
        }
    }

    /// The field name used in messages.
    public static var fieldName: String { "duration_bucket" }
    /// The French label.
    public var labelFR: String {
        switch self {
        case .lessThan30Minutes: "Moins de 30 min"
        case .thirtyMinutesToOneHour: "30 min à 1 h"
        case .oneToTwoHours: "1 h à 2 h"
        case .twoHoursOrMore: "2 h et plus"
        }
    }
    /// The English label.
    public var labelEN: String {
        switch self {
        case .lessThan30Minutes: "Less than 30 min"
        case .thirtyMinutesToOneHour: "30 min to 1 h"
        case .oneToTwoHours: "1 h to 2 h"
        case .twoHoursOrMore: "2 h and more"
        }
    }
}
