// @ts-check
/**
 * Everything the dashboard says, in the partnership's three languages, and the Intl
 * formatters for numbers, dates, durations and country names in the chosen one. Action
 * areas' names come from the node (/dashboard/context.json, from libs/contracts).
 */

/** @typedef {'en' | 'es' | 'fr'} Language */
/** @typedef {string | { one: string, other: string }} Message */

/** @type {readonly Language[]} */
export const LANGUAGES = ['en', 'es', 'fr'];

const en = {
  documentTitle: 'Operations dashboard · node {node} · naperj',
  skipToContent: 'Skip to the content',
  appTitle: 'Operations dashboard',
  partnership: 'North American Partnership for Equity and Racial Justice',
  nodeName: 'Node {node}',
  language: 'Language',
  signOut: 'Sign out',
  signInHeading: 'Sign in',
  signInIntro:
    "This page shows operators the node's indicators and the health of the federation. Sign in with a token of this node's issuer that carries the operator role.",
  tokenLabel: 'Operator token',
  tokenHelp: 'Paste the token (a JWT). On a local node, print one with:',
  tokenCommand: 'npm run -s token -- --country {node} --roles operator --agency YOUR-AGENCY',
  tokenKept: 'The token stays in this browser tab only and is forgotten when the tab closes.',
  signInButton: 'Sign in',
  signedInAs: 'Signed in: {sub}, {agency}',
  errorTokenEmpty: 'Paste a token first.',
  errorTokenMalformed: 'This is not a token: a JWT has three parts separated by dots.',
  errorTokenExpired: 'This token expired on {date}. Create a new one.',
  errorTokenOtherNode: 'This token was issued for node {country}, and this is node {node}. Use a token of this node.',
  errorTokenNotOperator: 'This token lacks the operator role (it has: {roles}).',
  errorUnauthorized: 'The node refused the token (401): it is expired, or not issued by this node.',
  errorForbidden: 'The token is valid but may not see these figures (403): it needs the operator role.',
  errorNetwork: 'The reporting service cannot be reached. Is the node running? Retrying…',
  errorServer: 'The reporting service answered {status}. Retrying…',
  errorRequestId: 'Request id: {id}',
  sessionEnded: 'Your session has ended because the token expired. Sign in with a new token.',
  liveConnecting: 'Live updates: connecting…',
  liveOn: 'Live updates: on',
  liveRetrying: 'Live updates: interrupted, reconnecting in {seconds} s',
  liveForbidden: 'Live updates: not allowed for this token; figures refresh every {seconds} s',
  updatedAt: 'Figures as of {time}',
  healthHeading: 'Federation health',
  healthThresholds:
    "Green while a partner's newest heartbeat is under {green} s old, amber under {amber} s, red when older or never received. Latency is the median delay between a partner sending an event and this node receiving it, over the last {window} min.",
  countedSince: 'Events and refusals counted since {date}.',
  partnersCaption: 'Partners of node {node}',
  columnPartner: 'Partner',
  columnHealth: 'Health',
  columnHeartbeat: 'Last heartbeat',
  columnLatency: 'Replication latency',
  columnEvents: 'Events received',
  columnSignatureFailures: 'Signature failures',
  columnDeadLetters: 'Dead letters',
  healthGreen: 'Green: heartbeats on time',
  healthAmber: 'Amber: heartbeats late',
  healthRed: 'Red: no recent heartbeat',
  heartbeatNever: 'never received',
  latencyValue: { one: '{value} (median of {count} sample)', other: '{value} (median of {count} samples)' },
  latencyNone: 'no recent sample',
  partnersChart: 'Heartbeat age and replication latency per partner, in seconds',
  seriesHeartbeatAge: 'Heartbeat age (s)',
  seriesLatency: 'Replication latency (s)',
  outboxHeading: 'Outbox backlog',
  outboxPending: { one: "{count} event of this node's services waiting for Kafka", other: "{count} events of this node's services waiting for Kafka" },
  outboxOldest: 'the oldest for {age}',
  outboxChart: 'Events waiting in the outbox since this page opened',
  seriesPending: 'Events waiting',
  columnTime: 'Time',
  indicatorsHeading: 'Indicators',
  indicatorsNote: 'A submission in several action areas counts in each of them.',
  chartCountryLabel: 'Country of the charts by kind and by SDG target',
  publishedByCountryChart: 'Published submissions by action area and country',
  statusChart: 'Submissions of node {node} by status',
  kindChart: 'Published submissions of {country} by kind',
  sdgChart: 'Published submissions of {country} by SDG target',
  showTable: 'Show the data as a table',
  axisActionArea: 'Action area',
  axisSubmissions: 'Submissions',
  axisSdgTarget: 'SDG target',
  axisSeconds: 'Seconds',
  noSdgTargets: 'No published submission of {country} names an SDG target yet.',
  chartSummary: '{title}. The table below holds the same figures.',
  activityHeading: 'Live activity',
  activityEmpty: 'Nothing yet. Publications and withdrawals anywhere in the federation appear here as they happen.',
  activityPublished: 'Published in {country}',
  activityWithdrawn: 'Withdrawn in {country}',
  sdgTarget: 'SDG {target}',
  networkHeading: 'Expert network',
  networkNote:
    'Current experts only: a withdrawn profile no longer counts. An expert in several action areas counts in each, and once per language they work in (es-MX counts as Spanish).',
  expertsChart: 'Experts by action area and country',
  languagesChart: 'Experts by language and country',
  noLanguages: 'No expert is registered yet.',
  axisExperts: 'Experts',
  axisLanguage: 'Language',
  exchangesHeading: 'Expertise exchanges',
  exchangesCaption: 'Exchanges asked by each country, answered from any country',
  columnCountry: 'Country',
  columnOpen: 'Open',
  columnAnswered: 'Answered',
  columnClosed: 'Closed',
  columnFirstAnswer: 'Median time to first answer',
  noAnswerYet: 'no answer yet',
  erasuresHeading: 'Erasure receipts',
  erasuresNote: 'When a country withdraws a shared expert profile, every partner erases its copy and sends a receipt.',
  erasuresCaption: 'Withdrawn profiles and the receipts of each partner',
  columnOrigin: 'Profiles of',
  columnErasingPartner: 'Erased by',
  columnWithdrawals: 'Withdrawals',
  columnReceipts: 'Receipts',
  columnPending: 'Pending',
  columnTimeToReceipt: 'Median time to receipt',
  noReceiptYet: 'no receipt yet',
  insightsHeading: 'Community insights',
  insightsNote:
    'Counts of community contributions that each country published, k-anonymous (k = 5): a cell below k, or one it could be derived from, is suppressed and never shown or shared.',
  insightsChart: 'Published insights by action area and country',
  axisInsights: 'Insights',
  cellsChart: 'Cells of the published insight tables, by country',
  seriesPublishedCells: 'Published',
  seriesSuppressedCells: 'Suppressed',
  axisCells: 'Cells',
  status: {
    draft: 'Draft',
    submitted: 'Submitted',
    'changes-requested': 'Changes requested',
    published: 'Published',
    rejected: 'Rejected',
    withdrawn: 'Withdrawn',
  },
  kind: {
    practice: 'Practice',
    strategy: 'Strategy',
    policy: 'Policy',
    dataset: 'Dataset',
    'action-area-proposal': 'Action-area proposal',
  },
};

/** @typedef {typeof en} Messages */

/** @type {Messages} */
const es = {
  documentTitle: 'Panel de operaciones · nodo {node} · naperj',
  skipToContent: 'Ir al contenido',
  appTitle: 'Panel de operaciones',
  partnership: 'Alianza de América del Norte para la Equidad y la Justicia Racial',
  nodeName: 'Nodo {node}',
  language: 'Idioma',
  signOut: 'Cerrar sesión',
  signInHeading: 'Iniciar sesión',
  signInIntro:
    'Esta página muestra al personal de operaciones los indicadores del nodo y el estado de la federación. Inicie sesión con un token del emisor de este nodo que tenga el rol operator.',
  tokenLabel: 'Token de operación',
  tokenHelp: 'Pegue el token (un JWT). En un nodo local, genere uno con:',
  tokenCommand: 'npm run -s token -- --country {node} --roles operator --agency SU-AGENCIA',
  tokenKept: 'El token se guarda solo en esta pestaña del navegador y se olvida al cerrarla.',
  signInButton: 'Iniciar sesión',
  signedInAs: 'Sesión iniciada: {sub}, {agency}',
  errorTokenEmpty: 'Pegue primero un token.',
  errorTokenMalformed: 'Esto no es un token: un JWT tiene tres partes separadas por puntos.',
  errorTokenExpired: 'Este token venció el {date}. Genere uno nuevo.',
  errorTokenOtherNode: 'Este token se emitió para el nodo {country} y este es el nodo {node}. Use un token de este nodo.',
  errorTokenNotOperator: 'Este token no tiene el rol operator (tiene: {roles}).',
  errorUnauthorized: 'El nodo rechazó el token (401): venció o no lo emitió este nodo.',
  errorForbidden: 'El token es válido, pero no puede ver estas cifras (403): necesita el rol operator.',
  errorNetwork: 'No se puede contactar el servicio de reportes. ¿Está en marcha el nodo? Reintentando…',
  errorServer: 'El servicio de reportes respondió {status}. Reintentando…',
  errorRequestId: 'Id. de la solicitud: {id}',
  sessionEnded: 'Su sesión terminó porque el token venció. Inicie sesión con un token nuevo.',
  liveConnecting: 'Actualización en vivo: conectando…',
  liveOn: 'Actualización en vivo: activa',
  liveRetrying: 'Actualización en vivo: interrumpida, se reconecta en {seconds} s',
  liveForbidden: 'Actualización en vivo: no permitida para este token; las cifras se actualizan cada {seconds} s',
  updatedAt: 'Cifras al {time}',
  healthHeading: 'Estado de la federación',
  healthThresholds:
    'Verde mientras el latido más reciente de un socio tiene menos de {green} s, ámbar menos de {amber} s, rojo si es más antiguo o nunca llegó. La latencia es la mediana del retraso entre el envío de un evento por un socio y su recepción en este nodo, en los últimos {window} min.',
  countedSince: 'Eventos y rechazos contados desde el {date}.',
  partnersCaption: 'Socios del nodo {node}',
  columnPartner: 'Socio',
  columnHealth: 'Estado',
  columnHeartbeat: 'Último latido',
  columnLatency: 'Latencia de replicación',
  columnEvents: 'Eventos recibidos',
  columnSignatureFailures: 'Firmas rechazadas',
  columnDeadLetters: 'Mensajes fallidos (DLQ)',
  healthGreen: 'Verde: latidos puntuales',
  healthAmber: 'Ámbar: latidos con retraso',
  healthRed: 'Rojo: sin latidos recientes',
  heartbeatNever: 'nunca recibido',
  latencyValue: { one: '{value} (mediana de {count} muestra)', other: '{value} (mediana de {count} muestras)' },
  latencyNone: 'sin muestras recientes',
  partnersChart: 'Antigüedad del latido y latencia de replicación por socio, en segundos',
  seriesHeartbeatAge: 'Antigüedad del latido (s)',
  seriesLatency: 'Latencia de replicación (s)',
  outboxHeading: 'Cola de salida (outbox)',
  outboxPending: { one: '{count} evento de los servicios de este nodo espera a Kafka', other: '{count} eventos de los servicios de este nodo esperan a Kafka' },
  outboxOldest: 'el más antiguo desde hace {age}',
  outboxChart: 'Eventos en espera en la cola de salida desde que se abrió esta página',
  seriesPending: 'Eventos en espera',
  columnTime: 'Hora',
  indicatorsHeading: 'Indicadores',
  indicatorsNote: 'Una aportación con varias áreas de acción cuenta en cada una de ellas.',
  chartCountryLabel: 'País de los gráficos por tipo y por meta de los ODS',
  publishedByCountryChart: 'Aportaciones publicadas por área de acción y país',
  statusChart: 'Aportaciones del nodo {node} por estado',
  kindChart: 'Aportaciones publicadas de {country} por tipo',
  sdgChart: 'Aportaciones publicadas de {country} por meta de los ODS',
  showTable: 'Mostrar los datos en una tabla',
  axisActionArea: 'Área de acción',
  axisSubmissions: 'Aportaciones',
  axisSdgTarget: 'Meta de los ODS',
  axisSeconds: 'Segundos',
  noSdgTargets: 'Ninguna aportación publicada de {country} indica aún una meta de los ODS.',
  chartSummary: '{title}. La tabla siguiente contiene las mismas cifras.',
  activityHeading: 'Actividad en vivo',
  activityEmpty: 'Nada por ahora. Las publicaciones y los retiros en cualquier lugar de la federación aparecen aquí en cuanto ocurren.',
  activityPublished: 'Publicada en {country}',
  activityWithdrawn: 'Retirada en {country}',
  sdgTarget: 'ODS {target}',
  networkHeading: 'Red de personas expertas',
  networkNote:
    'Solo las personas expertas vigentes: un perfil retirado deja de contarse. Quien trabaja en varias áreas de acción cuenta en cada una, y una vez por idioma en que trabaja (es-MX cuenta como español).',
  expertsChart: 'Personas expertas por área de acción y país',
  languagesChart: 'Personas expertas por idioma y país',
  noLanguages: 'Aún no hay ninguna persona experta registrada.',
  axisExperts: 'Personas expertas',
  axisLanguage: 'Idioma',
  exchangesHeading: 'Intercambios de conocimientos',
  exchangesCaption: 'Intercambios solicitados por cada país, respondidos desde cualquier país',
  columnCountry: 'País',
  columnOpen: 'Abiertos',
  columnAnswered: 'Respondidos',
  columnClosed: 'Cerrados',
  columnFirstAnswer: 'Mediana del tiempo hasta la primera respuesta',
  noAnswerYet: 'aún sin respuesta',
  erasuresHeading: 'Acuses de borrado',
  erasuresNote: 'Cuando un país retira un perfil compartido, cada socio borra su copia y envía un acuse.',
  erasuresCaption: 'Perfiles retirados y acuses de cada socio',
  columnOrigin: 'Perfiles de',
  columnErasingPartner: 'Borrados por',
  columnWithdrawals: 'Retiros',
  columnReceipts: 'Acuses',
  columnPending: 'Pendientes',
  columnTimeToReceipt: 'Mediana del tiempo hasta el acuse',
  noReceiptYet: 'aún sin acuse',
  insightsHeading: 'Aportes de las comunidades',
  insightsNote:
    'Recuentos de las contribuciones comunitarias que publicó cada país, k-anónimos (k = 5): una celda por debajo de k, o una de la que podría deducirse, se suprime y nunca se muestra ni se comparte.',
  insightsChart: 'Síntesis publicadas por área de acción y país',
  axisInsights: 'Síntesis',
  cellsChart: 'Celdas de las tablas de síntesis publicadas, por país',
  seriesPublishedCells: 'Publicadas',
  seriesSuppressedCells: 'Suprimidas',
  axisCells: 'Celdas',
  status: {
    draft: 'Borrador',
    submitted: 'Enviada',
    'changes-requested': 'Cambios solicitados',
    published: 'Publicada',
    rejected: 'Rechazada',
    withdrawn: 'Retirada',
  },
  kind: {
    practice: 'Práctica',
    strategy: 'Estrategia',
    policy: 'Política',
    dataset: 'Conjunto de datos',
    'action-area-proposal': 'Propuesta de área de acción',
  },
};

/** @type {Messages} */
const fr = {
  documentTitle: 'Tableau de bord des opérations · nœud {node} · naperj',
  skipToContent: 'Aller au contenu',
  appTitle: 'Tableau de bord des opérations',
  partnership: "Partenariat nord-américain pour l'équité et la justice raciale",
  nodeName: 'Nœud {node}',
  language: 'Langue',
  signOut: 'Se déconnecter',
  signInHeading: 'Se connecter',
  signInIntro:
    "Cette page présente aux équipes d'exploitation les indicateurs du nœud et l'état de la fédération. Connectez-vous avec un jeton de l'émetteur de ce nœud qui porte le rôle operator.",
  tokenLabel: "Jeton d'exploitation",
  tokenHelp: 'Collez le jeton (un JWT). Sur un nœud local, créez-en un avec :',
  tokenCommand: 'npm run -s token -- --country {node} --roles operator --agency VOTRE-AGENCE',
  tokenKept: 'Le jeton reste dans cet onglet du navigateur et est oublié à sa fermeture.',
  signInButton: 'Se connecter',
  signedInAs: 'Connecté : {sub}, {agency}',
  errorTokenEmpty: "Collez d'abord un jeton.",
  errorTokenMalformed: "Ce n'est pas un jeton : un JWT a trois parties séparées par des points.",
  errorTokenExpired: 'Ce jeton a expiré le {date}. Créez-en un nouveau.',
  errorTokenOtherNode: 'Ce jeton a été émis pour le nœud {country}, et ceci est le nœud {node}. Utilisez un jeton de ce nœud.',
  errorTokenNotOperator: "Ce jeton n'a pas le rôle operator (il a : {roles}).",
  errorUnauthorized: "Le nœud a refusé le jeton (401) : il a expiré ou n'a pas été émis par ce nœud.",
  errorForbidden: 'Le jeton est valide mais ne permet pas de voir ces chiffres (403) : il faut le rôle operator.',
  errorNetwork: 'Le service de rapports est injoignable. Le nœud est-il démarré ? Nouvelle tentative…',
  errorServer: 'Le service de rapports a répondu {status}. Nouvelle tentative…',
  errorRequestId: 'Identifiant de la requête : {id}',
  sessionEnded: 'Votre session a pris fin, car le jeton a expiré. Connectez-vous avec un nouveau jeton.',
  liveConnecting: 'Mises à jour en direct : connexion…',
  liveOn: 'Mises à jour en direct : actives',
  liveRetrying: 'Mises à jour en direct : interrompues, reconnexion dans {seconds} s',
  liveForbidden: 'Mises à jour en direct : non autorisées pour ce jeton ; les chiffres sont actualisés toutes les {seconds} s',
  updatedAt: 'Chiffres au {time}',
  healthHeading: 'Santé de la fédération',
  healthThresholds:
    "Vert tant que le battement de cœur le plus récent d'un partenaire a moins de {green} s, orange moins de {amber} s, rouge s'il est plus ancien ou jamais reçu. La latence est la médiane du délai entre l'envoi d'un événement par un partenaire et sa réception par ce nœud, sur les {window} dernières minutes.",
  countedSince: 'Événements et refus comptés depuis le {date}.',
  partnersCaption: 'Partenaires du nœud {node}',
  columnPartner: 'Partenaire',
  columnHealth: 'Santé',
  columnHeartbeat: 'Dernier battement',
  columnLatency: 'Latence de réplication',
  columnEvents: 'Événements reçus',
  columnSignatureFailures: 'Signatures refusées',
  columnDeadLetters: 'Messages en échec (DLQ)',
  healthGreen: "Vert : battements à l'heure",
  healthAmber: 'Orange : battements en retard',
  healthRed: 'Rouge : aucun battement récent',
  heartbeatNever: 'jamais reçu',
  latencyValue: { one: '{value} (médiane de {count} mesure)', other: '{value} (médiane de {count} mesures)' },
  latencyNone: 'aucune mesure récente',
  partnersChart: 'Âge du battement de cœur et latence de réplication par partenaire, en secondes',
  seriesHeartbeatAge: 'Âge du battement (s)',
  seriesLatency: 'Latence de réplication (s)',
  outboxHeading: "File d'envoi (outbox)",
  outboxPending: { one: '{count} événement des services de ce nœud attend Kafka', other: '{count} événements des services de ce nœud attendent Kafka' },
  outboxOldest: 'le plus ancien depuis {age}',
  outboxChart: "Événements en attente dans la file d'envoi depuis l'ouverture de cette page",
  seriesPending: 'Événements en attente',
  columnTime: 'Heure',
  indicatorsHeading: 'Indicateurs',
  indicatorsNote: "Une contribution relevant de plusieurs domaines d'action compte dans chacun d'eux.",
  chartCountryLabel: 'Pays des graphiques par type et par cible des ODD',
  publishedByCountryChart: "Contributions publiées par domaine d'action et par pays",
  statusChart: 'Contributions du nœud {node} par statut',
  kindChart: 'Contributions publiées de {country} par type',
  sdgChart: 'Contributions publiées de {country} par cible des ODD',
  showTable: 'Afficher les données sous forme de tableau',
  axisActionArea: "Domaine d'action",
  axisSubmissions: 'Contributions',
  axisSdgTarget: 'Cible des ODD',
  axisSeconds: 'Secondes',
  noSdgTargets: "Aucune contribution publiée de {country} n'indique encore de cible des ODD.",
  chartSummary: '{title}. Le tableau ci-dessous contient les mêmes chiffres.',
  activityHeading: 'Activité en direct',
  activityEmpty: "Rien pour l'instant. Les publications et les retraits de toute la fédération s'affichent ici dès qu'ils ont lieu.",
  activityPublished: 'Publiée : {country}',
  activityWithdrawn: 'Retirée : {country}',
  sdgTarget: 'ODD {target}',
  networkHeading: "Réseau d'expertes et d'experts",
  networkNote:
    "Seulement les profils en vigueur : un profil retiré ne compte plus. Une personne experte de plusieurs domaines d'action compte dans chacun, et une fois par langue de travail (es-MX compte comme espagnol).",
  expertsChart: "Personnes expertes par domaine d'action et par pays",
  languagesChart: 'Personnes expertes par langue et par pays',
  noLanguages: "Aucune personne experte n'est encore inscrite.",
  axisExperts: 'Personnes expertes',
  axisLanguage: 'Langue',
  exchangesHeading: "Échanges d'expertise",
  exchangesCaption: "Échanges demandés par chaque pays, avec des réponses de n'importe quel pays",
  columnCountry: 'Pays',
  columnOpen: 'Ouverts',
  columnAnswered: 'Avec réponse',
  columnClosed: 'Fermés',
  columnFirstAnswer: "Délai médian jusqu'à la première réponse",
  noAnswerYet: 'pas encore de réponse',
  erasuresHeading: "Accusés d'effacement",
  erasuresNote: 'Quand un pays retire un profil partagé, chaque partenaire efface sa copie et envoie un accusé.',
  erasuresCaption: 'Profils retirés et accusés de chaque partenaire',
  columnOrigin: 'Profils de',
  columnErasingPartner: 'Effacés par',
  columnWithdrawals: 'Retraits',
  columnReceipts: 'Accusés',
  columnPending: 'En attente',
  columnTimeToReceipt: "Délai médian jusqu'à l'accusé",
  noReceiptYet: "pas encore d'accusé",
  insightsHeading: 'Apports des communautés',
  insightsNote:
    'Décomptes des contributions communautaires publiés par chaque pays, k-anonymes (k = 5) : une cellule sous k, ou dont on pourrait la déduire, est supprimée et jamais affichée ni partagée.',
  insightsChart: "Synthèses publiées par domaine d'action et par pays",
  axisInsights: 'Synthèses',
  cellsChart: 'Cellules des tableaux de synthèse publiés, par pays',
  seriesPublishedCells: 'Publiées',
  seriesSuppressedCells: 'Supprimées',
  axisCells: 'Cellules',
  status: {
    draft: 'Brouillon',
    submitted: 'Soumise',
    'changes-requested': 'Modifications demandées',
    published: 'Publiée',
    rejected: 'Refusée',
    withdrawn: 'Retirée',
  },
  kind: {
    practice: 'Pratique',
    strategy: 'Stratégie',
    policy: 'Politique',
    dataset: 'Jeu de données',
    'action-area-proposal': "Proposition de domaine d'action",
  },
};

/** Every message of the page, by language; exported for the spec that compares them. */
export const MESSAGES = { en, es, fr };

/** @typedef {{ [K in keyof Messages]: Messages[K] extends Message ? K : never }[keyof Messages]} MessageKey */

/**
 * The language to show: the one chosen before, else the browser's first preference the
 * dashboard speaks, else English.
 * @param {string | null} stored
 * @param {readonly string[]} preferred the browser's languages, most wanted first
 * @returns {Language}
 */
export function pickLanguage(stored, preferred) {
  const candidates = [stored, ...preferred.map((tag) => tag.slice(0, 2).toLowerCase())];
  return /** @type {Language} */ (candidates.find((tag) => LANGUAGES.includes(/** @type {Language} */ (tag))) ?? 'en');
}

/**
 * Messages and formatting in one language.
 * @param {Language} language
 */
export function translator(language) {
  const messages = MESSAGES[language];
  const plural = new Intl.PluralRules(language);
  const integer = new Intl.NumberFormat(language);
  const seconds = new Intl.NumberFormat(language, { style: 'unit', unit: 'second', unitDisplay: 'short', maximumFractionDigits: 1 });
  const dateTime = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium' });
  const time = new Intl.DateTimeFormat(language, { timeStyle: 'medium' });
  const regions = new Intl.DisplayNames([language], { type: 'region' });
  const duration = new Intl.NumberFormat(language, { style: 'unit', unit: 'minute', unitDisplay: 'long', maximumFractionDigits: 0 });
  const hours = new Intl.NumberFormat(language, { style: 'unit', unit: 'hour', unitDisplay: 'long', maximumFractionDigits: 1 });
  const days = new Intl.NumberFormat(language, { style: 'unit', unit: 'day', unitDisplay: 'long', maximumFractionDigits: 1 });
  const languageNames = new Intl.DisplayNames([language], { type: 'language', fallback: 'code' });
  const relative = new Intl.RelativeTimeFormat(language, { numeric: 'always', style: 'long' });

  /**
   * @param {MessageKey} key
   * @param {Record<string, string | number>} [values] `count` also picks the plural form
   */
  const t = (key, values = {}) => {
    const message = /** @type {Message} */ (messages[key]);
    const template = typeof message === 'string' ? message : message[plural.select(Number(values.count)) === 'one' ? 'one' : 'other'];
    return template.replace(/\{(\w+)\}/g, (whole, name) => {
      const value = values[name];
      if (value === undefined) return whole;
      return typeof value === 'number' ? integer.format(value) : value;
    });
  };

  // Called for a message, with the formatters as its properties: t('key'), t.integer(3).
  return Object.assign(t, {
    language,
    /** @param {number} value */
    integer: (value) => integer.format(value),
    /** @param {number} value */
    seconds: (value) => seconds.format(value),
    /** @param {string | Date} value */
    dateTime: (value) => dateTime.format(new Date(value)),
    /** @param {string | Date} value */
    time: (value) => time.format(new Date(value)),
    /** "12 seconds ago", "3 minutes ago": how long ago, in the largest unit that fits. @param {number} secondsAgo */
    ago: (secondsAgo) => {
      const whole = Math.max(0, Math.round(secondsAgo));
      if (whole < 120) return relative.format(-whole, 'second');
      if (whole < 7200) return relative.format(-Math.round(whole / 60), 'minute');
      return relative.format(-Math.round(whole / 3600), 'hour');
    },
    /** How long, without "ago": the age of the oldest waiting event. @param {number} value seconds */
    duration: (value) => (value < 120 ? seconds.format(Math.round(value)) : duration.format(value / 60)),
    /** How long, up to days: the time an exchange waits for its first answer. @param {number} value seconds */
    longDuration: (value) => {
      if (value < 7200) return value < 120 ? seconds.format(Math.round(value)) : duration.format(value / 60);
      return value < 172_800 ? hours.format(value / 3600) : days.format(value / 86_400);
    },
    /**
     * A language's name, from ICU, which lacks many Indigenous languages: the node's list of
     * names comes first (see app.mjs).
     * @param {string} code a primary language subtag, e.g. "es", "oj"
     */
    languageName: (code) => {
      try {
        return languageNames.of(code) ?? code;
      } catch {
        return code;
      }
    },
    /** @param {string} code a country code of the federation */
    country: (code) => regions.of(code.toUpperCase()) ?? code,
    /** @param {string} code */
    status: (code) => messages.status[/** @type {keyof Messages['status']} */ (code)] ?? code,
    /** @param {string} code */
    kind: (code) => messages.kind[/** @type {keyof Messages['kind']} */ (code)] ?? code,
    /** @param {string} target e.g. "10.2" */
    sdgTarget: (target) => t('sdgTarget', { target }),
  });
}

/** @typedef {ReturnType<typeof translator>} Translator */
