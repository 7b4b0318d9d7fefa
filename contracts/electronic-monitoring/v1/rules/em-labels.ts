/**
 * The words this contract reads from CP prompts and writes to the contractor, in one place.
 * CP labels are matched exactly (they are the result definitions' prompt labels); FMS values are
 * the contractor's enumerations as the real expected outputs show them.
 */
export const CP_LABELS = {
  nextHearingMagistrates: "Next hearing in magistrates' court",
  nextHearingCrown: 'Next hearing in Crown Court',
  tagStartDate: 'Start date of tagging',
  tagStartTime: 'Start time of tagging',
  tagEndDate: 'End date of tagging',
  tagEndTime: 'End time of tagging',
  trailStartDate: "The defendant's whereabouts are to be electronically monitored. Start date",
  remainAt: 'Defendant to remain at',
  detailsAndTimings: 'Details and timings',
  zoneStartDate: 'Start date for tag',
  zoneStartTime: 'Start time for tag',
  zoneEndDate: 'End date for tag',
  zoneEndTime: 'End time for tag',
  zonePeriod: 'Exclusion and electronic monitoring period',
  alcoholUntil: 'Until',
  /** Variations restate when the original order was made: the order runs from then (upstream reads them in this order). */
  originalOrderDate: ['Date original order made', 'Date the original order made'],
  responsibleOfficer: ['Responsible officer', 'Responsible officer for the order'],
  probationTeamName: 'Probation team to be notified organisation name',
  probationTeamEmail: 'Probation team to be notified email address 1',
  yotName: 'Youth offending team to be notified organisation name',
  yotEmail: 'Youth offending team to be notified email address 1',
  bailProbationName: 'Probation / YOT to be notified organisation name',
  bailProbationEmail: 'Probation / YOT to be notified email address 1',
  prisonEmail: 'Prison email address 1',
} as const;

/** Keys inside the next-hearing prompt's "Key:value" lines. */
export const NEXT_HEARING_KEYS = { magistratesDate: 'Date of hearing', crownDate: 'Fixed Date', weekCommencing: 'Week Commencing', time: 'Time of hearing' } as const;

/** Who the responsible officer is → the contractor's responsible organisation. */
export const RESPONSIBLE_ORGANISATION: Readonly<Record<string, string>> = {
  'an officer of a provider of probation services': 'Probation',
  'a probation officer': 'Probation',
  'a member of the youth offending team': 'YJS',
  'the electronic monitoring supervisor': 'Field Monitoring Service',
  'the officer in charge of the Attendance Centre': 'Policy/youth attendance',
};

export const FMS = {
  conditionType: { bail: 'Bail Order', community: 'Requirement of Community Order' },
  orderType: { bail: 'Pre-Trial', community: 'Community' },
  requestType: { new: 'New Order', variation: 'Variation' },
  enforceable: { curfew: 'Curfew with EM', zone: 'EM Exclusion / Inclusion Zone', trail: 'Location Monitoring (Fitted Device)', alcohol: 'AAMR' },
  notifyingOrganisation: { MAGISTRATES: 'Magistrates Court', CROWN: 'Crown Court' } as Readonly<Record<string, string>>,
  sex: { MALE: 'male', FEMALE: 'female', NOT_KNOWN: 'unknown', NOT_SPECIFIED: 'prefer not to say' } as Readonly<Record<string, string>>,
  bailResponsibleOrganisation: 'Probation',
  youthJusticeService: 'YJS',
  yes: 'Yes',
  no: 'No',
  notStarted: 'Not Started',
} as const;
