#include "synth/vocabulary.h"

namespace textra::synth::vocabulary {

const List kCompanyPrefixes = {"ATLAS", "MAGHREB", "SAHARA", "AL AMAL", "NOUR", "ANFA", "SOUSS", "OASIS", "MEDINA",
                               "ZENITH", "DIGI", "TECHNO", "INFO", "EURO", "AFRIQUE", "CASA", "ALPHA", "DELTA",
                               "GLOBAL", "PRIMA", "NOVA", "ARGAN", "AZUR", "ORIENT", "ETOILE", "CEDRE", "ATLANTIC"};
const List kActivitiesFr = {"IMPRESSION", "DISTRIBUTION", "SERVICES", "TRAVAUX", "CONSEIL", "INFORMATIQUE",
                            "TRANSPORT", "NEGOCE", "EQUIPEMENT", "BUREAUTIQUE", "ELECTRICITE", "CLIMATISATION",
                            "TELECOM", "SECURITE", "NETTOYAGE", "FOURNITURES", "PAPETERIE", "MATERIAUX",
                            "LOGISTIQUE", "COMMUNICATION", "ENERGIE", "CONSTRUCTION", "MEDICAL", "VOYAGES"};
const List kActivitiesEn = {"PRINTING", "SUPPLIES", "SERVICES", "CONSULTING", "SYSTEMS", "LOGISTICS", "TRADING",
                            "SOLUTIONS", "ELECTRIC", "TECHNOLOGIES"};
const List kLegalFormsMa = {"SARL", "SARL AU", "S.A.R.L", "SA", "S.A.", "S.A.R.L.AU", "", ""};
const List kLegalFormsFr = {"SARL", "SAS", "SA", "EURL", "SASU", "", ""};
const List kSyllables = {"ka", "ri", "no", "tex", "ma", "zen", "lo", "vi", "dor", "sel", "tri", "fa", "mo", "print",
                         "net", "pap", "bi", "go", "tek", "ra", "lux", "med", "sol", "ar", "ix", "on"};
const List kSurnamesFr = {"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
                          "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
                          "Vincent", "Fournier", "Girard", "Bonnet", "Mercier", "Lambert", "Faure"};
const List kSurnamesMa = {"Benali", "Alaoui", "El Idrissi", "Bennani", "Tazi", "Berrada", "Chraibi", "Fassi",
                          "Amrani", "Ouazzani", "Lahlou", "Benjelloun", "Sqalli", "Kettani", "Naciri", "Cherkaoui",
                          "El Mansouri", "Bouzidi", "Ait Taleb", "Haddad"};
const List kTradesFr = {"Boulangerie", "Garage", "Imprimerie", "Pharmacie", "Librairie", "Menuiserie", "Cabinet",
                        "Transports", "Etablissements", "Ets", "Atelier", "Quincaillerie", "Agence", "Studio"};
const List kStreetTypes = {"Rue", "Bd", "Boulevard", "Avenue", "Av.", "Lotissement", "Résidence", "Angle", "Route"};
const List kStreetNamesMa = {"Mohammed V", "Hassan II", "Zerktouni", "d'Anfa", "Al Massira", "Ibn Sina",
                             "Moulay Youssef", "Abdelmoumen", "Al Qods", "des FAR", "Ghandi", "Bir Anzarane",
                             "Allal El Fassi", "Ibn Tachfine", "Al Majd", "Salwan", "Oued Sebou", "Moulay Ismail"};
const List kStreetNamesFr = {"de la République", "Victor Hugo", "Jean Jaurès", "du Général de Gaulle", "des Lilas",
                             "Pasteur", "de Paris", "Nationale", "du Moulin", "Gambetta", "de la Gare",
                             "des Écoles", "Voltaire", "Émile Zola", "de Verdun"};
const List kCitiesMa = {"Casablanca", "Rabat", "Marrakech", "Tanger", "Fès", "Agadir", "Meknès", "Oujda",
                        "Kénitra", "Tétouan", "Salé", "Mohammedia", "El Jadida", "Témara", "Settat"};
const List kCitiesFr = {"Paris", "Lyon", "Marseille", "Toulouse", "Nantes", "Lille", "Bordeaux", "Strasbourg",
                        "Rennes", "Montpellier", "Nice", "Grenoble", "Dijon", "Angers", "Reims"};
const List kQuartersMa = {"Maârif", "Oulfa", "Hay Riad", "Agdal", "Sidi Maârouf", "Ain Sebaâ", "Gauthier",
                          "Bourgogne", "Hay Mohammadi", "Californie", "Guéliz", "Quartier Industriel"};

const List kProductsFr = {
    "Ramette papier A4 80g", "Cartouche d'encre HP 305", "Carte de visite 8.5x5.5 R/V", "Impression sur vinyl 40x264 cm",
    "Ordinateur portable Dell Latitude 5420", "Écran 24 pouces Full HD", "Souris sans fil", "Clavier AZERTY USB",
    "Câble HDMI 2m", "Prestation de maintenance", "Installation réseau", "Formation Excel (jour)",
    "Frais de déplacement", "Location véhicule (jour)", "Transport marchandises Casablanca-Tanger", "Gasoil (litres)",
    "Ciment CPJ 45 sac 50kg", "Fer à béton diamètre 12", "Peinture blanche 20L", "Climatiseur split 12000 BTU",
    "Abonnement internet fibre", "Consultation juridique", "Mission d'audit comptable", "Développement site web",
    "Hébergement annuel", "Nom de domaine", "Licence Microsoft 365 Business", "Stylos bille bleu boîte de 50",
    "Classeur à levier dos 80mm", "Enveloppes kraft C4", "Toner Canon 737", "Disque dur externe 1 To",
    "Caméra de surveillance IP", "Main d'œuvre", "Nettoyage des bureaux (mois)", "Gardiennage (mois)",
    "Flyers A5 quadri 1000 ex", "Kakémono 80x200 cm", "Tampon auteur", "Onduleur 1500 VA",
    "Imprimante laser multifonction", "Chaise de bureau ergonomique", "Bureau 140x70 cm", "Armoire métallique 2 portes",
    "Billet d'avion Casablanca-Paris", "Nuitée hôtel", "Repas d'affaires", "Pneu 205/55 R16", "Vidange moteur",
    "Plaquettes de frein", "Étude technique", "Honoraires de conseil", "Traduction de documents (page)",
    "Café en grains 1 kg", "Eau minérale pack 6x1.5L", "Sacs poubelle 100L", "Gants de protection",
    "Rouleau adhésif", "Palette bois 120x80", "Tube PVC 100 mm", "Disjoncteur 16A", "Câble électrique 2.5 mm² (m)"};
const List kProductsEn = {
    "Office paper A4 80gsm", "Ink cartridge", "Business cards", "Laptop Dell Latitude", "24 inch monitor",
    "Wireless mouse", "Consulting services (hours)", "Web development", "Annual hosting", "Travel expenses",
    "Maintenance contract", "Network installation", "Training session (day)", "Software licence", "Printer toner",
    "External hard drive 1TB", "Office chair", "Freight Casablanca-Tangier", "Hotel night", "Translation (page)"};

const List kTitleFr = {"FACTURE", "Facture", "FACTURE", "F A C T U R E", "FACTURE ORIGINALE"};
const List kTitleEn = {"INVOICE", "Invoice", "TAX INVOICE"};
const List kNumberFr = {"N° Facture", "Facture n°", "Facture N°", "N° de facture", "Numéro de facture", "FACTURE N°",
                        "Réf. facture", "N°", "Facture No"};
const List kNumberEn = {"Invoice No.", "Invoice #", "Invoice Number", "No.", "Invoice no"};
const List kDateFr = {"Date", "Date facture", "Date de facturation", "Date de la facture", "Date d'émission", "DATE",
                      "Le"};
const List kDateEn = {"Date", "Invoice Date", "Date of issue", "Issue date"};
const List kDueFr = {"Échéance", "Date d'échéance", "À régler avant le", "Date limite de paiement"};
const List kDueEn = {"Due date", "Payment due", "Due"};
const List kCustomerFr = {"Client", "Facturé à", "CLIENT", "Destinataire", "Adressé à", "Doit", "Facturer à"};
const List kCustomerEn = {"Bill to", "Customer", "Invoice to", "Billed to"};
const List kHtFr = {"Total HT", "TOTAL H.T", "Montant HT", "Total Hors Taxes", "Sous-total HT", "TOTAL HT",
                    "Total H.T.", "Montant H.T"};
const List kHtEn = {"Subtotal", "Total excl. VAT", "Net amount", "Sub Total", "Total before tax"};
const List kTvaFr = {"TVA {r}%", "TVA", "Montant TVA", "T.V.A {r} %", "TVA ({r}%)", "Total TVA", "TVA {r} %"};
const List kTvaEn = {"VAT {r}%", "VAT", "Tax", "Total VAT", "VAT ({r}%)"};
const List kTtcFr = {"Total TTC", "TOTAL T.T.C", "Montant TTC", "Net à payer", "Total T.T.C.", "NET A PAYER",
                     "Montant total TTC", "TOTAL TTC", "Total à payer"};
const List kTtcEn = {"Total", "TOTAL", "Total due", "Grand Total", "Total incl. VAT", "Invoice total"};
const List kDueAmountFr = {"Net à payer", "Reste à payer", "Montant à payer", "NET A PAYER"};
const List kDueAmountEn = {"Balance due", "Amount due", "Amount to pay"};
const List kDepositFr = {"Acompte versé", "Acompte", "Déjà réglé"};
const List kDepositEn = {"Deposit paid", "Paid", "Less deposit"};
const List kColRefFr = {"Réf.", "Code", "Référence", "REF"};
const List kColRefEn = {"Ref", "SKU", "Code"};
const List kColDescFr = {"Désignation", "Description", "DESIGNATION", "Libellé", "Article", "DÉSIGNATION"};
const List kColDescEn = {"Description", "Item", "DESCRIPTION"};
const List kColQtyFr = {"Qté", "Quantité", "QTE", "Qte", "QUANTITE"};
const List kColQtyEn = {"Qty", "Quantity", "QTY"};
const List kColUnitFr = {"P.U. HT", "Prix unitaire", "PU HT", "Prix U.", "P.U", "PRIX UNIT. HT"};
const List kColUnitEn = {"Unit price", "Price", "Rate", "UNIT PRICE"};
const List kColVatFr = {"TVA", "TVA %", "Taux TVA"};
const List kColVatEn = {"VAT", "Tax %", "VAT %"};
const List kColAmountFr = {"Montant HT", "Total HT", "Montant", "TOTAL", "MONTANT HT", "Prix total"};
const List kColAmountEn = {"Amount", "Total", "Line total", "AMOUNT"};
const List kMonthsFr = {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
                        "octobre", "novembre", "décembre"};
const List kMonthsEn = {"January", "February", "March", "April", "May", "June", "July", "August", "September",
                        "October", "November", "December"};

}  // namespace textra::synth::vocabulary
