/// An ANCT activity theme (*thématique*); every activity has at least one.
public enum Theme: String, Taxonomy {
    case diagnosticNumerique = "diagnostic_numerique"
    case prendreEnMainDuMateriel = "prendre_en_main_du_materiel"
    case maintenanceDeMateriel = "maintenance_de_materiel"
    case gereSesContenusNumeriques = "gere_ses_contenus_numeriques"
    case navigationSurInternet = "navigation_sur_internet"
    case email = "email"
    case bureautique = "bureautique"
    case reseauxSociaux = "reseaux_sociaux"
    case sante = "sante"
    case banqueEtAchatsEnLigne = "banque_et_achats_en_ligne"
    case entrepreneuriat = "entrepreneuriat"
    case insertionProfessionnelle = "insertion_professionnelle"
    case securiteNumerique = "securite_numerique"
    case parentalite = "parentalite"
    case scolariteEtNumerique = "scolarite_et_numerique"
    case creerAvecLeNumerique = "creer_avec_le_numerique"
    case cultureNumerique = "culture_numerique"
    case intelligenceArtificielle = "intelligence_artificielle"
    case aideAuxDemarchesAdministratives = "aide_aux_demarches_administratives"

    /// The field name used in messages.
    public static var fieldName: String { "theme" }

    /// The ANCT French label.
    public var labelFR: String {
        switch self {
        case .diagnosticNumerique: "Diagnostic numérique"
        case .prendreEnMainDuMateriel: "Prendre en main du matériel"
        case .maintenanceDeMateriel: "Maintenance de matériel"
        case .gereSesContenusNumeriques: "Gérer ses contenus numériques"
        case .navigationSurInternet: "Navigation sur internet"
        case .email: "E-mail"
        case .bureautique: "Bureautique"
        case .reseauxSociaux: "Réseaux sociaux communication"
        case .sante: "Santé"
        case .banqueEtAchatsEnLigne: "Banque et achats en ligne"
        case .entrepreneuriat: "Accompagner un professionnel"
        case .insertionProfessionnelle: "Insertion professionnelle"
        case .securiteNumerique: "Prévention en sécurité numérique"
        case .parentalite: "Parentalité"
        case .scolariteEtNumerique: "Scolarité et numérique"
        case .creerAvecLeNumerique: "Créer avec le numérique"
        case .cultureNumerique: "Culture numérique"
        case .intelligenceArtificielle: "Intelligence artificielle (IA)"
        case .aideAuxDemarchesAdministratives: "Aide aux démarches administratives"
        }
    }

    /// The English label.
    public var labelEN: String {
        switch self {
        case .diagnosticNumerique: "Digital skills assessment"
        case .prendreEnMainDuMateriel: "Getting started with a device"
        case .maintenanceDeMateriel: "Device maintenance"
        case .gereSesContenusNumeriques: "Managing one’s digital content"
        case .navigationSurInternet: "Browsing the internet"
        case .email: "E-mail"
        case .bureautique: "Office software"
        case .reseauxSociaux: "Social networks, communication"
        case .sante: "Health"
        case .banqueEtAchatsEnLigne: "Online banking and shopping"
        case .entrepreneuriat: "Supporting a professional"
        case .insertionProfessionnelle: "Finding work"
        case .securiteNumerique: "Digital security awareness"
        case .parentalite: "Parenting"
        case .scolariteEtNumerique: "School and digital"
        case .creerAvecLeNumerique: "Creating with digital tools"
        case .cultureNumerique: "Digital culture"
        case .intelligenceArtificielle: "Artificial intelligence (AI)"
        case .aideAuxDemarchesAdministratives: "Help with administrative procedures"
        }
    }
}

/// An administrative sub-theme, allowed only with the theme `aide_aux_demarches_administratives`.
public enum AdministrativeSubTheme: String, Taxonomy {
    case papiersElectionsCitoyennete = "papiers_elections_citoyennete"
    case familleScolarite = "famille_scolarite"
    case socialSante = "social_sante"
    case travailFormation = "travail_formation"
    case logement = "logement"
    case transportsMobilite = "transports_mobilite"
    case argentImpots = "argent_impots"
    case justice = "justice"
    case etrangersEurope = "etrangers_europe"
    case loisirsSportsCulture = "loisirs_sports_culture"
    case associations = "associations"

    /// The field name used in messages.
    public static var fieldName: String { "sub_theme" }

    /// The ANCT French label.
    public var labelFR: String {
        switch self {
        case .papiersElectionsCitoyennete: "Papiers - Élections - Citoyenneté"
        case .familleScolarite: "Famille - Scolarité"
        case .socialSante: "Social - Santé"
        case .travailFormation: "Travail - Formation - Entreprise"
        case .logement: "Logement"
        case .transportsMobilite: "Transports - Mobilité"
        case .argentImpots: "Argent - Impôts"
        case .justice: "Justice"
        case .etrangersEurope: "Étrangers - Europe"
        case .loisirsSportsCulture: "Loisirs - Sports - Culture"
        case .associations: "Associations"
        }
    }

    /// The English label.
    public var labelEN: String {
        switch self {
        case .papiersElectionsCitoyennete: "Identity papers - Elections - Citizenship"
        case .familleScolarite: "Family - School"
        case .socialSante: "Social - Health"
        case .travailFormation: "Work - Training - Business"
        case .logement: "Housing"
        case .transportsMobilite: "Transport - Mobility"
        case .argentImpots: "Money - Taxes"
        case .justice: "Justice"
        case .etrangersEurope: "Foreigners - Europe"
        case .loisirsSportsCulture: "Leisure - Sports - Culture"
        case .associations: "Associations"
        }
    }
}

/// The themes / sub-themes rule shared by help requests and accompaniments.
enum ThemeRules {
    /// The ANCT rule: sub-themes only with `aide_aux_demarches_administratives`.
    static let subThemesNeedAdministrativeTheme = ValidationError.Rule(
        id: "sub_themes_need_administrative_theme",
        en: "administrative sub-themes are allowed only with the theme aide_aux_demarches_administratives",
        fr:
            "les sous-thèmes administratifs ne sont permis qu’avec la thématique aide_aux_demarches_administratives"
    )

    /// Checks the sub-theme rule and returns both lists without duplicates, in order.
    static func check(
        themes: [Theme], subThemes: [AdministrativeSubTheme], requireTheme: Bool
    ) throws(ValidationError) -> ([Theme], [AdministrativeSubTheme]) {
        let themes = themes.uniqued()
        let subThemes = subThemes.uniqued()
        if requireTheme && themes.isEmpty { throw .missing("themes") }
        if !subThemes.isEmpty && !themes.contains(.aideAuxDemarchesAdministratives) {
            throw .rule("sub_themes", subThemesNeedAdministrativeTheme)
        }
        return (themes, subThemes)
    }
}

extension Array where Element: Hashable {
    /// The elements without duplicates, first occurrence kept.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
