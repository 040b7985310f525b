/**
 * Word sets shared by crisis patterns, referenced as `@name`. Spellings are as young people write
 * them; `foldWord` turns æ/ø/å into e/o/a and collapses double letters, so "ikke", "ike" and
 * "iikke" are one entry.
 */
export const WORD_SETS: Readonly<Record<string, string>> = {
  neg: 'ikke|ikkje|ik|ikj|itj|inte|ikek|not|never|aldri|dont|doesnt|didnt|wont|cant|cannot|isnt|havent|hasnt|aint',
  me: 'meg|mæ|me|mg|mej|meh|mig|mæg',
  self: 'selv|sjølv|sjøl|sjæl|sjel|self|sjav|sjøv|sjælv|sjelv|slev|selve|selfv',
  want: 'vil|vill|ville|vile|vl|lyst|lysten|ønsker|ønske|onsker|ynskjer|ynskje|gidder|wanna|want|wants|wish',
  die: 'dø|døø|døy|doy|dey|dau|daue|død|daud|døde|dodd|die|dead|dying',
  live: 'leve|lev|leva|lefe|live|living|exist',
  more: 'mer|meir|mere|lenger|lengre|lengr|mr|anymore|longer',
  can: 'kan|orker|orka|orkar|orke|klarer|klarar|klare|gidder|makter|maktar|holder|can|cant',
  family:
    'pappa|papa|pappaen|faren|fatter|fattern|farsan|mamma|mammaen|mor|moren|mora|muttern|morsan|stefar|stefaren|stepappa|stepappaen|stemor|stemora|stemoren|stemamma|foreldre|foreldrene|foreldra|onkel|onkelen|tante|tanta|bestefar|bestemor|broren|bror|storebror|storebroren|søsteren|søstera|storesøster|dad|daddy|mom|mum|father|mother|stepdad|stepfather|stepmom|stepmother|parents|uncle|brother|grandpa',
  partner: 'kjæresten|kjæreste|typen|dama|eksen|boyfriend|girlfriend|bf|gf|ex|husband',
  others:
    'han|hun|ho|hen|de|dei|he|she|they|someone|somebody|noen|nokon|gutt|gutten|guttene|jente|jenta|jentene|folk|mann|mannen|lærer|læreren|treneren|naboen|elev|elevene|klassekamerat|klassekameratene|kompis|kompisen|vennen|venninna|gjengen|people',
  hit: 'slår|slar|slo|slå|slått|slatt|banker|banka|banket|sparket|lugget|dyttet|kvelt|dasker|dunker|lugger|lugga|luggar|sparker|sparka|sparket|dytter|dytta|kveler|kvelte|kvalte|klyper|klorer|biter|beats|beat|hits|hit|hitting|chokes|choked|kicks|kicked|punches|punched|slaps|slapped|hurts|strangles',
  beaten:
    'slått|slaatt|slegen|slegne|slege|banka|banket|juling|mishandlet|mishandla|sparket|sparka|lugget|kvalt|kvelt|beaten|beat|hit|abused|punched|kicked|slapped|choked',
  become: 'blir|blri|ble|vert|vart|blitt|bli|blei|get|gets|got|getting|being|been|am|was|were|is',
  home: 'hjemme|heime|hjem|heim|home|hus|huset|@family',
  sex: 'sex|seks|sexs|seksuelle|seksuell|seksuelt|ligge|ligg|suge|pule|knulle|nakenbilder|nakenbilde|nudes|nude|naken|blowjob|oral|samleie|sexual|sexually|sexting|porno',
  pills:
    'piller|pillene|pills|tabletter|tablettene|tablets|paracet|paracetamol|pinex|ibux|ibuprofen|sobril|vival|valium|sovepiller|sovetabletter|panodil|antidepressiva|sertralin|imovane|zopiklon|brett|brettet|pakka|pakken|pakke|boksen|eska|esken|glasset|bottle|bottles|packet|pack|box',
  kill: 'drepe|drep|drepa|dreper|drap|kill|killing|murder|myrde',
  toucher:
    'stefar|stefaren|stepappa|pappa|pappaen|faren|onkel|onkelen|bror|broren|storebror|fetter|fetteren|bestefar|treneren|trener|læreren|lærer|naboen|han|ho|hun|voksen|mann|mannen|gutt|gutten|kjæresten|typen|he|she|uncle|stepdad|stepfather|dad|father|brother|cousin|coach|teacher|grandpa|someone|noen',
  threatener:
    'han|hun|ho|de|dei|he|she|they|hes|shes|theyre|someone|noen|@family|@partner|gutten|guttene|mannen|gjengen',
  future: 'kommer|skal|vil|will|gonna|going|ska|kjem',
  sport:
    'trening|treninga|treningen|fotball|fotballtrening|håndball|handball|kamp|kampen|ski|skiing|sykkel|sykkelen|fall|falt|gym|kroppsøving|turn|turning|dans|dansing|trampoline|trampolinen|trapp|trappa|ulykke|ulykka|playing|football|soccer|training|practice|game|fell|falling|accident|accidentally',
  game: 'sjakk|fifa|spill|spillet|kortspill|kamp|kampen|konkurranse|poker|ludo|yatzy|tennis|chess|game|games|race|fortnite|minecraft|uno|kort|kortet|monopol|brettspill|bordtennis|badminton|squash',
  food: 'mat|pizza|kake|kaker|godteri|snop|sjokolade|is|brus|kaffe|middag|frokost|lunsj|lekser|leksene|skole|skolen|trening|treningen|matte|prøver|mas|kjeft|bråk|food|homework|school',
  accident:
    'finger|fingeren|fingern|fingra|tommel|tommelen|barbering|barberer|barbere|barberte|papir|papiret|matlaging|lagde|laget|håret|lugg|luggen|neglene|negl|hair|paper|shaving|cooking|thumb|glassbit|glasskår|skår|glasbiten|glassbiten|kjøkkenet|kjøkkenkniv|kokkekniv',
  imminent: 'kveld|kvell|natt|tonight|inatt|ikveld',
};
