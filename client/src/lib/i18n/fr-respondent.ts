export const frRespondent = {
  loading: 'Chargement du questionnaire…',
  unknown: {
    title: 'Questionnaire introuvable',
    text: "Ce lien ne correspond à aucun questionnaire. Vérifiez l'adresse reçue ou contactez la structure qui vous l'a envoyée.",
  },
  closed: {
    title: 'Ce questionnaire est fermé',
    text: "La période de réponse est terminée. Merci de l'intérêt que vous portez à cette enquête.",
  },
  notOpen: {
    title: "Ce questionnaire n'est pas encore ouvert",
    text: 'Revenez un peu plus tard : les réponses ne sont pas encore ouvertes.',
    textDate: 'Les réponses seront ouvertes à partir du {{date}}.',
  },
  error: {
    title: 'Connexion impossible',
    text: 'Le questionnaire n’a pas pu être chargé. Vérifiez votre connexion puis réessayez.',
    retry: 'Réessayer',
  },
  invitationOnly: {
    title: 'Questionnaire sur invitation',
    text: 'Ce questionnaire se remplit avec le lien personnel que vous avez reçu. Ouvrez ce lien (par exemple depuis le courriel d’invitation).',
  },
  privacy: {
    heading: 'Avant de commencer : vos données',
    theOrganization: 'la structure',
    default:
      "Ce questionnaire est proposé par {{organization}} pour évaluer son utilité sociale. Vos réponses servent uniquement à cette évaluation et sont présentées de manière agrégée, par groupe de répondants.\n\nAucune adresse IP n'est enregistrée avec vos réponses. Vous pouvez demander l'accès à vos réponses ou leur suppression auprès de la structure.",
    pointSaved: 'Vos réponses sont enregistrées à chaque page, sur cet appareil et sur le serveur.',
    pointResume: 'Vous pouvez vous arrêter et reprendre plus tard, ici ou sur un autre appareil.',
    start: 'Commencer le questionnaire',
    continue: 'Reprendre le questionnaire',
  },
  save: {
    auto: 'Enregistrement automatique à chaque page',
    saved: 'Réponses enregistrées',
    sending: 'Enregistrement…',
    local: 'Réponses gardées sur cet appareil',
    offline: 'Hors connexion : vos réponses sont gardées sur cet appareil et seront envoyées automatiquement.',
    failed: "L'envoi a été refusé.",
    refused: 'Dernières réponses non enregistrées : voir le message ci-dessous',
  },
  resume: {
    button: 'Reprendre plus tard',
    explain:
      'Gardez ce lien personnel : il rouvre vos réponses où vous en étiez, sur cet appareil ou un autre. Ne le partagez pas.',
    label: 'Votre lien de reprise',
    copy: 'Copier le lien',
    copied: 'Lien copié',
    mail: "M'envoyer le lien par courriel",
    mailSubject: 'Mon lien pour reprendre le questionnaire',
    notFound: "Le lien de reprise n'a pas été retrouvé : vous pouvez reprendre le questionnaire ici.",
  },
  sending: {
    title: 'Envoi de vos réponses…',
    text: 'Vos réponses sont en cours d’envoi. Elles sont gardées sur cet appareil tant que le serveur ne les a pas reçues.',
    offline:
      'Pas de connexion pour le moment. Vos réponses sont gardées sur cet appareil et seront envoyées automatiquement dès le retour du réseau. Vous pouvez laisser cette page ouverte.',
    retry: 'Réessayer maintenant',
  },
  refused: {
    title: "Vos réponses n'ont pas pu être enregistrées",
    kept: 'Elles restent sur cet appareil. Contactez la structure qui vous a envoyé le questionnaire.',
  },
  thanks: {
    title: 'Merci pour vos réponses !',
    text: 'Vos réponses ont bien été enregistrées. Elles contribueront à l’évaluation de l’utilité sociale de la structure.',
    another: 'Saisir une autre réponse sur cet appareil',
  },
  data: {
    keptLocal: 'Vos réponses restent gardées sur cet appareil.',
    button: 'Vos données',
    title: 'Vos données et vos droits',
    close: 'Fermer',
    controller: 'Responsable du traitement',
    contact: 'Contact pour exercer vos droits',
    purpose: 'Finalité',
    legalBasis: 'Base légale',
    retention: 'Durée de conservation',
    recipients: 'Destinataires',
    rights: 'Vos droits',
    optional:
      'Répondre est facultatif : vous pouvez laisser une question sans réponse ou arrêter à tout moment, sans aucune conséquence.',
    cnil: 'Si vous estimez que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la CNIL (www.cnil.fr).',
    policy: 'Politique de confidentialité complète',
    invalidTitle: 'Lien d’invitation non valable',
    usedTitle: 'Invitation déjà utilisée',
    sentTitle: 'Réponse déjà envoyée',
    sentText:
      'Cette réponse a bien été envoyée. Pour protéger vos réponses, ce lien ne les affiche plus et ne permet plus de les modifier.',
    deletion: 'Demander la suppression de cette réponse',
    deletionSubject: 'Demande de suppression de ma réponse',
    replaceTitle: 'Une autre réponse est en cours sur cet appareil',
    replaceText:
      'Ce lien ouvre une autre réponse que celle commencée sur cet appareil. Si vous l’ouvrez, la réponse de cet appareil reste enregistrée sur le serveur mais ne sera plus reprise ici.',
    replaceOpen: 'Ouvrir la réponse du lien',
    replaceKeep: 'Continuer la réponse de cet appareil',
    conflictTitle: 'Vos réponses ont changé sur un autre appareil',
    conflictText:
      'Depuis votre dernier enregistrement, ces réponses ont été modifiées ailleurs. Choisissez celles à garder : les autres seront remplacées.',
    conflictCount: 'Questions dont la réponse diffère : {{count}}',
    conflictMine: 'Garder les réponses de cet appareil',
    conflictTheirs: 'Reprendre les réponses de l’autre appareil',
    timeout:
      'Le serveur ne répond pas : vos réponses sont gardées sur cet appareil et seront renvoyées automatiquement.',
  },
};
