/** The columns of a PayPal activity export, by their English label and the header names seen in exports. */
/** Canonical (English) label → header names seen in exports. The label is also the detail label. */
export const FIELDS = {
  date: ["Date", "Datum"],
  time: ["Time", "Uhrzeit", "Zeit"],
  timeZone: ["TimeZone", "Time zone", "Zeitzone"],
  name: ["Name"],
  type: ["Type", "Description", "Typ", "Art", "Beschreibung"],
  status: ["Status"],
  currency: ["Currency", "Währung"],
  gross: ["Gross", "Brutto"],
  fee: ["Fee", "Gebühr", "Entgelt"],
  net: ["Net", "Netto"],
  fromEmail: ["From Email Address", "Absender E-Mail-Adresse", "Von E-Mail-Adresse"],
  toEmail: ["To Email Address", "Empfänger E-Mail-Adresse", "An E-Mail-Adresse"],
  transactionId: ["Transaction ID", "Transaktionscode", "Transactionscode"],
  shippingAddress: ["Shipping Address", "Lieferadresse"],
  addressStatus: ["Address Status", "Adress-Status", "Adressstatus"],
  itemTitle: ["Item Title", "Artikelbezeichnung"],
  itemId: ["Item ID", "Artikelnummer"],
  shipping: ["Shipping and Handling Amount", "Postage and Packaging Amount", "Versand- und Bearbeitungsgebühr", "Betrag für Versandkosten"],
  insurance: ["Insurance Amount", "Versicherungsbetrag"],
  salesTax: ["Sales Tax", "VAT", "Umsatzsteuer"],
  option1Name: ["Option 1 Name", "Option 1 - Name"],
  option1Value: ["Option 1 Value", "Option 1 Wert", "Option 1 - Wert"],
  option2Name: ["Option 2 Name", "Option 2 - Name"],
  option2Value: ["Option 2 Value", "Option 2 Wert", "Option 2 - Wert"],
  referenceTxnId: ["Reference Txn ID", "Zugehöriger Transaktionscode", "Txn-Referenzkennung"],
  invoiceNumber: ["Invoice Number", "Rechnungsnummer"],
  customNumber: ["Custom Number", "Zollnummer", "Individuelle Nummer"],
  quantity: ["Quantity", "Anzahl", "Menge"],
  receiptId: ["Receipt ID", "Empfangsnummer", "Belegnummer"],
  addressLine1: ["Address Line 1", "Adresszeile 1", "Adresse"],
  addressLine2: ["Address Line 2/District/Neighborhood", "Address Line 2/District/Neighbourhood", "Adresszusatz", "Zusätzliche Angaben"],
  city: ["Town/City", "Ort"],
  state: [
    "State/Province/Region/County/Territory/Prefecture/Republic",
    "County",
    "Bundesland",
    "Staat/Provinz/Region/Landkreis/Territorium/Präfektur/Republik",
  ],
  postalCode: ["Zip/Postal Code", "Postcode", "PLZ"],
  country: ["Country", "Land"],
  subject: ["Subject", "Betreff"],
  note: ["Note", "Hinweis"],
  balanceImpact: ["Balance Impact", "Auswirkung auf Guthaben"],
} as const;
export type Field = keyof typeof FIELDS;

export function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
