/**
 * Electronic-monitoring vocabulary of the Common Platform: the result and prompt type ids, CJS
 * codes, short codes, labels and phrases that say a court imposed (or may have imposed) tagging.
 * Data only, kept in one place so that a new result definition is a one-line change here.
 *
 * Source: hmpps-electronic-monitoring-create-an-order-api @ 9c698f78, the enums the court hearing
 * handler decides with (models/courthearing/enums: BailOrRemandToCareCondition, CommunityOrder,
 * CommunityOrderType + BailOrderType, VariationOrders) and the CP payloads in
 * fixtures/em-create-order, where each id sits next to its label (the short code is the prefix of
 * the result's resultText).
 */

export type EmRequirementKind = 'curfew' | 'exclusion' | 'inclusion' | 'trail' | 'alcohol' | 'dapo';
export type ZoneKind = 'exclusion' | 'inclusion';

interface Named {
  readonly id: string;
  /** Short code as printed at the start of resultText; absent where no real payload showed it. */
  readonly shortCode?: string;
  /** The CP label, or (where no real payload showed one) the upstream enum's description. */
  readonly label: string;
}

/** Results that make the defendant's EM conditions bail (or remand-to-care) conditions. */
export const BAIL_PARENT_RESULTS: readonly (Named & { readonly variation?: true })[] = [
  { id: 'f917ba0c-1faf-4945-83a8-50be9049f9b4', shortCode: 'REMCB', label: 'Adult remittal for sentence on conditional bail' },
  { id: '35430208-3705-44ce-b5d5-153c0337f6ab', shortCode: 'CCSIB', label: 'Committed to Crown Court for sentence - in custody with bail direction' },
  { id: 'f666fd58-36c5-493f-aa11-89714faee6e6', shortCode: 'RILAB', label: 'Remand in care of Local Authority with bail direction' },
  { id: 'e26940b7-2534-42f2-9c44-c70072bf6ad2', shortCode: 'RIB', label: 'Remanded in custody with bail direction' },
  { id: '3a529001-2f43-45ba-a0a8-d3ced7e9e7ad', shortCode: 'RC', label: 'Remanded on conditional bail' },
  { id: '90d8268d-cc6a-4a09-bdb3-ddf8ea8ef2f9', shortCode: 'RCBV', label: 'Variation of bail conditions', variation: true },
  { id: '9fd1849f-f91f-4fa7-adfd-ef24f64654eb', shortCode: 'RCCLAB', label: "Remitted from the Crown Court to the Magistrates' Court in local authority accommodation with bail direction" },
  { id: '062373fb-ada8-49a1-b7de-659426ba6b88', shortCode: 'CCIIB', label: 'Sent to Crown Court in custody for trial with bail direction' },
  { id: 'b318ca35-8b6a-41e5-a674-879ac9a05cc2', shortCode: 'CCIC', label: 'Sent to Crown Court for trial on conditional bail' },
  { id: '6266e4d8-a030-4ee7-be5c-9f5624f162e5', shortCode: 'RCCCB', label: "Remitted from the Crown Court to the Magistrates' Court on conditional bail" },
  { id: '61dc2dfb-df0a-4ea3-8821-4506cb51e7ec', shortCode: 'CCSILA', label: 'Committed to Crown Court for sentence in Local Authority Accommodation' },
  { id: '0536dbd2-b922-4899-9bc9-cad08429a889', shortCode: 'REMCBY', label: 'Youth remittal conditional bail' },
  { id: '903b3e90-f185-40d3-92dd-6f81b73c4bb2', shortCode: 'RILA', label: 'Remand In care of Local Authority' },
  { id: '975f04f2-412b-40f4-8e9b-31edfefaea60', shortCode: 'RCCLA', label: "Remitted from the Crown Court to the Magistrates' Court in local authority accommodation" },
  { id: 'd4fa6715-b1b3-4145-bedc-061ccf33df50', shortCode: 'CCIILA', label: 'Sent to Crown Court for trial in Local Authority Accommodation' },
  { id: 'e85dc2ee-9b63-4dca-8dc0-7dedaa00f5bf', shortCode: 'REMIL', label: 'Youth remittal In Local Authority accommodation' },
  { id: '52c3a7dc-3ec2-4d42-b808-24d69d645afe', shortCode: 'BAILREVC', label: 'Bail reviewed - conditions varied or imposed', variation: true },
];

/** Sentences and orders whose EM requirements make a community-type monitoring order. */
export const COMMUNITY_PARENT_RESULTS: readonly (Named & { readonly variation?: true })[] = [
  { id: '418b3aa7-65ab-4a4a-bab9-2f96b698118c', shortCode: 'COEW', label: 'Community order England / Wales' },
  { id: '73a4f6a2-b768-45de-beb7-3f4d2f933e11', shortCode: 'YROEW', label: 'Youth Rehabilitation Order England and Wales' },
  { id: 'ae8c21a9-cf2a-487b-8fae-58d50c7104f0', shortCode: 'YROFEW', label: 'Youth rehabilitation order with fostering England / Wales' },
  { id: '0b5ce679-b262-436d-8f94-aa78de85022a', shortCode: 'YROISS', label: 'Youth rehabilitation order with intensive supervision and surveillance England / Wales' },
  { id: '5679e5b7-0ca8-4d2a-ba80-7a50025fb589', shortCode: 'SUSPSD', label: 'Suspended sentence order - detention in a young offender institution' },
  { id: '8b1cff00-a456-40da-9ce4-f11c20959084', shortCode: 'SUSPS', label: 'Suspended sentence order - imprisonment' },
  { id: 'fd391847-f640-402e-a958-f33a014e6684', shortCode: 'SDO', label: 'Supervision Default Order' },
  { id: '280a5606-c70a-432f-bdfe-a9dfd49f18c5', shortCode: 'SUSPV', label: 'Suspended sentence order varied - imprisonment', variation: true },
  { id: '726c4beb-9ead-4b6b-bed9-b761b5b43553', shortCode: 'SUSPVD', label: 'Suspended sentence order varied - detention', variation: true },
  { id: '5cceca91-e6f2-471b-8919-8dfd3ad3c746', shortCode: 'YROV', label: 'Youth Rehabilitation Order varied', variation: true },
  { id: 'db5e6d5a-337f-4a68-b060-35a644c913ef', shortCode: 'DAPO', label: 'Domestic Abuse Protection Order' },
  { id: '90f87813-e738-4c21-b122-5ebe93bb575f', shortCode: 'DAPOV', label: 'Domestic Abuse Protection Order varied', variation: true },
];

/**
 * The variation results (upstream VariationOrders.VARIATION_UUIDS): any of them among a defendant's
 * results makes the order a variation, whatever class the order is.
 */
export const VARIATION_RESULT_IDS: readonly string[] = [...BAIL_PARENT_RESULTS, ...COMMUNITY_PARENT_RESULTS].filter((r) => r.variation).map((r) => r.id);

/** Requirement results that are themselves electronic monitoring (structured, strong evidence). */
export const EM_REQUIREMENT_RESULTS: readonly (Named & { readonly kind: EmRequirementKind; readonly cjsCode?: string })[] = [
  { id: 'd54c3093-6b9b-4b61-80cf-a0bf4ed5d2e8', shortCode: 'AAR', label: 'Alcohol abstinence and monitoring', kind: 'alcohol', cjsCode: '3146' },
  { id: '091cd45b-4312-476e-a122-18cc02fd1699', shortCode: 'ERPEM', label: 'Exclusion not to enter for a period with electronic monitoring', kind: 'exclusion', cjsCode: '3106' },
  { id: '416684ab-755f-4958-ab83-2795a21d62a3', label: 'Youth exclusion with electronic monitoring', kind: 'exclusion', cjsCode: '3106' },
  { id: '9b216a08-4df8-41c2-a947-66506cd1e1b5', shortCode: 'ERLPEM', label: 'Exclusion not to leave a place for a period with electronic monitoring', kind: 'inclusion', cjsCode: '3106' },
  { id: '06b4c31d-1b3d-4850-b64c-4cad870b3a25', shortCode: 'CURE', label: 'Curfew with electronic monitoring', kind: 'curfew', cjsCode: '3105' },
  { id: 'd79c92bb-c301-491a-b4d2-cb86e473b5af', shortCode: 'YRC1', label: 'Youth rehabilitation requirement: Curfew with electronic monitoring', kind: 'curfew', cjsCode: '3105' },
  { id: '4b72c78e-7571-4dd1-b719-5186e3a2cf80', shortCode: 'CURFEM', label: 'Supervision default order requirement: Curfew requirement with electronic monitoring', kind: 'curfew', cjsCode: '3105' },
  { id: '45ea2d9f-ddd8-4c39-9585-780746ee6a8d', label: 'Trail monitoring (electronic monitoring whereabouts)', kind: 'trail', cjsCode: '3148' },
  { id: 'c7cdb5ba-e5a9-4145-a8b3-ecf5f28664a6', shortCode: 'YREMW1', label: 'Youth rehabilitation requirement: Electronic monitoring whereabouts', kind: 'trail', cjsCode: '3148' },
  { id: 'db5e6d5a-337f-4a68-b060-35a644c913ef', shortCode: 'DAPO', label: 'Domestic Abuse Protection Order', kind: 'dapo' },
  { id: '90f87813-e738-4c21-b122-5ebe93bb575f', shortCode: 'DAPOV', label: 'Domestic Abuse Protection Order varied', kind: 'dapo' },
];

/** Prompts (on a bail parent result) that impose a monitored bail curfew; first in prompt order wins. */
export const BAIL_CURFEW_PROMPTS: readonly { readonly id: string; readonly label: string }[] = [
  { id: 'fa49f99a-a2f1-4d4a-bd14-d18ab1c9eca5', label: 'Curfew' },
  { id: 'f2cab905-935b-49e5-9f82-badcfb6c6c60', label: 'Must stay indoors at home address (or at any other address allowed by the court)' },
  { id: '671c65dc-8406-4923-bff2-e193a7fbd489', label: 'Must' },
];

/**
 * Prompts (on a bail parent result) that impose a monitored zone. The order is the order the
 * contractor receives the zones in (the real expected outputs list them in this order, whatever
 * order the prompts came in).
 */
export const BAIL_ZONE_PROMPTS: readonly { readonly id: string; readonly label: string; readonly zone: ZoneKind }[] = [
  { id: 'c1d490ed-1754-43b8-a485-fdab1a25f8cb', label: 'Exclusion - not to enter a place', zone: 'exclusion' },
  { id: 'dfa19118-e944-43f4-93b2-2ed49df5553f', label: 'Exclusion - not to enter a place except to attend court or pre-arranged appointment with solicitor', zone: 'exclusion' },
  { id: 'd709a455-02cc-40d9-b3d2-e4194dc46792', label: 'Exclusion - not to enter a place except accompanied by an officer', zone: 'exclusion' },
  { id: '9da5909e-d715-4f79-a1b8-34780c57acf1', label: 'Exclusion - not go within a radius', zone: 'exclusion' },
  { id: '4c79ea50-6e14-4c47-8836-c0d0f647e45a', label: 'Exclusion - the exclusion condition to be electronically monitored with a GPS tag', zone: 'exclusion' },
  { id: '2751bd8f-897a-4aa0-b26d-b7bf7b18acff', label: 'Must not enter', zone: 'exclusion' },
  { id: 'f68c277a-4f7d-4da5-bd8a-396e6671e05c', label: 'Must not enter the place or area specified other than to attend court or for a pre-arranged appointment with your solicitor', zone: 'exclusion' },
  { id: '6f2e2861-0ad4-4721-b0d2-65b1d5f16895', label: 'Must not go within', zone: 'exclusion' },
  { id: 'c9ae30f1-3c3b-4edf-a7d4-49bd027977c3', label: 'Exclusion - not to go more than a specified radius from a specified place', zone: 'inclusion' },
  { id: 'ac44c4ed-c77c-4552-aed7-b4f05f1dc9db', label: 'Exclusion - not to leave', zone: 'inclusion' },
];

/** DAPO prompts carrying a monitored requirement/prohibition as "key:value" lines. */
export const DAPO_PROMPTS = {
  curfew: { id: '521d0aa1-c36b-4f10-ae75-14af1e6acf6d', label: 'Requirement: Curfew with electronic monitoring' },
  /** Both go to the contractor as exclusion zones (as the real expected output shows). */
  zones: [
    { id: '5cc17256-632a-41ea-855a-622602e595b7', label: 'Prohibition: Exclusion - Not to enter for a period with electronic monitoring' },
    { id: '80473211-4680-4744-ab6a-49c9c87a59b9', label: 'Prohibition: Exclusion - Not to leave a place for a period with electronic monitoring' },
  ],
} as const;

/** The court's notification to the contractor, attached as a prompt. */
export const EM_NOTIFICATION_PROMPTS = {
  bail: { id: '86857bb0-aaa6-4a76-b226-812a9987fcb2', label: 'Notification of electronic monitoring order (bail)' },
  requirement: { id: 'dada120c-160a-49a9-b040-e8b6b7128d67', label: 'Notification of electronic monitoring order (requirement)' },
} as const;

/** Results that must be ignored on purpose: not an England and Wales order the contractor serves. */
export const IGNORED_RESULTS: readonly (Named & { readonly reason: string })[] = [
  { id: 'ae617390-b41e-46ac-bd63-68a28512676a', shortCode: 'COS', label: 'Community order Scotland', reason: 'Scottish order: monitored by the Scottish service, not the England and Wales contractor' },
];

/** Ends monitoring rather than imposing it: the contractor must hear of it, but it is not a new order. */
export const EM_END_RESULTS: readonly Named[] = [
  { id: 'adbdbb76-8ff7-4a22-881f-6b95adbf915b', shortCode: 'EMONE', label: 'Electronic Monitoring End - notify contractor' },
];

/** Prompt labels that say a condition is monitored (weaker than ids: labels get reworded). */
export const MONITORED_PROMPT_LABELS: readonly string[] = [
  EM_NOTIFICATION_PROMPTS.bail.label,
  EM_NOTIFICATION_PROMPTS.requirement.label,
  'Curfew condition is to be electronically monitored',
  'The curfew condition will be electronically monitored',
  'Exclusion - the exclusion condition to be electronically monitored with a GPS tag',
  "The defendant's whereabouts are to be electronically monitored",
];

/** CJS result codes of monitored requirements (police-side view): curfew, exclusion, alcohol, whereabouts. */
export const EM_CJS_CODES: Readonly<Record<string, string>> = {
  '3105': 'curfew requirement',
  '3106': 'exclusion requirement',
  '3146': 'alcohol abstinence and monitoring',
  '3148': 'electronic monitoring whereabouts',
};

/** Free-text phrases that suggest monitoring; matched case-insensitively on word boundaries. */
export const EM_TEXT_PHRASES: readonly RegExp[] = [
  /\belectronic(?:ally)?[\s-]+monitor(?:ed|ing)\b/i,
  /\bGPS tag\b/i,
  /\btag(?:ged|ging)?\b/i,
];

/**
 * Phrases that contain monitoring words but do not impose monitoring (credit for days already
 * tagged; the end of monitoring). Removed from text before the phrases above are looked for.
 */
export const EM_TEXT_FALSE_FRIENDS: readonly RegExp[] = [/\(tagged days\)/gi, /tagged bail days?/gi, /electronic monitoring end/gi];
