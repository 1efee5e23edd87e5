export const OVERVIEW = `query($u: ID!, $y: Int!, $d: LocalDate) {
  overview(unitId: $u, year: $y, asOf: $d) {
    year asOf unit { code }
    items {
      total published overdue maintenanceDue maintenanceDueSoon periodicDue withholdingPending publishedInYear lookaheadDays
      byStatus { status count } byLevel { level count } byStatusAndLevel { status level count }
    }
    liaison { requiredUnits coveredUnits rate gaps { code } endingSoon { personName } }
    statistics { year ownState expectedChildren acceptedUnits complete byState { state count } }
    children { unit { code } statisticsState items published overdue maintenanceDue withholdingPending }
    yearOnYear { figure label current previous change changeRate }
    inspections { byStatus { status count } results { inspectionId schemeId schemeName unit { code } total grade rank rankedUnits } }
  }
}`;
