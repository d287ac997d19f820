import type { frRespondent } from './fr-respondent';

export const enRespondent: typeof frRespondent = {
  loading: 'Loading the questionnaire…',
  unknown: {
    title: 'Questionnaire not found',
    text: 'This link does not match any questionnaire. Check the address or contact the organisation that sent it.',
  },
  closed: { title: 'This questionnaire is closed', text: 'The response period is over. Thank you for your interest.' },
  notOpen: {
    title: 'This questionnaire is not open yet',
    text: 'Please come back later: responses are not open yet.',
    textDate: 'Responses open on {{date}}.',
  },
  error: {
    title: 'Cannot connect',
    text: 'The questionnaire could not be loaded. Check your connection and try again.',
    retry: 'Try again',
  },
  invitationOnly: {
    title: 'Questionnaire by invitation',
    text: 'This questionnaire is answered through the personal link you received. Open that link (for example from the invitation email).',
  },
  privacy: {
    heading: 'Before you start: your data',
    theOrganization: 'the organisation',
    default:
      '{{organization}} runs this questionnaire to evaluate its social utility. Your answers are used only for this evaluation and reported in aggregate, per group of respondents.\n\nNo IP address is stored with your answers. You can ask the organisation to see or delete your answers.',
    pointSaved: 'Your answers are saved on every page, on this device and on the server.',
    pointResume: 'You can stop and resume later, here or on another device.',
    start: 'Start the questionnaire',
    continue: 'Resume the questionnaire',
  },
  save: {
    auto: 'Saved automatically on every page',
    saved: 'Answers saved',
    sending: 'Saving…',
    local: 'Answers kept on this device',
    offline: 'Offline: your answers are kept on this device and will be sent automatically.',
    failed: 'Sending was refused.',
    refused: 'Latest answers not saved: see the message below',
  },
  resume: {
    button: 'Resume later',
    explain:
      'Keep this personal link: it reopens your answers where you stopped, on this or another device. Do not share it.',
    label: 'Your resume link',
    copy: 'Copy the link',
    copied: 'Link copied',
    mail: 'Email me the link',
    mailSubject: 'My link to resume the questionnaire',
    notFound: 'The resume link was not found: you can continue here.',
  },
  sending: {
    title: 'Sending your answers…',
    text: 'Your answers are being sent. They stay on this device until the server has received them.',
    offline:
      'No connection right now. Your answers are kept on this device and will be sent as soon as the network is back. You can leave this page open.',
    retry: 'Retry now',
  },
  refused: {
    title: 'Your answers could not be saved',
    kept: 'They stay on this device. Please contact the organisation that sent you the questionnaire.',
  },
  thanks: {
    title: 'Thank you for your answers!',
    text: 'Your answers have been saved. They will help evaluate the organisation’s social utility.',
    another: 'Enter another response on this device',
  },
  data: {
    keptLocal: 'Your answers are still kept on this device.',
    button: 'Your data',
    title: 'Your data and your rights',
    close: 'Close',
    controller: 'Data controller',
    contact: 'Contact to exercise your rights',
    purpose: 'Purpose',
    legalBasis: 'Legal basis',
    retention: 'Retention period',
    recipients: 'Recipients',
    rights: 'Your rights',
    optional: 'Answering is optional: you may leave any question blank or stop at any time, with no consequence.',
    cnil: 'If you believe your rights are not respected, you may lodge a complaint with the CNIL (www.cnil.fr).',
    policy: 'Full privacy policy',
    invalidTitle: 'Invalid invitation link',
    usedTitle: 'Invitation already used',
    sentTitle: 'Response already sent',
    sentText: 'This response was sent. To protect your answers, this link no longer shows or changes them.',
    deletion: 'Ask for this response to be deleted',
    deletionSubject: 'Request to delete my response',
    replaceTitle: 'Another response is in progress on this device',
    replaceText:
      'This link opens a different response from the one started on this device. If you open it, this device’s response stays on the server but will no longer be resumed here.',
    replaceOpen: 'Open the link’s response',
    replaceKeep: 'Continue this device’s response',
    conflictTitle: 'Your answers changed on another device',
    conflictText:
      'Since your last save, these answers were changed elsewhere. Choose which to keep: the others will be replaced.',
    conflictCount: 'Questions answered differently: {{count}}',
    conflictMine: 'Keep this device’s answers',
    conflictTheirs: 'Use the other device’s answers',
    timeout: 'The server is not answering: your answers are kept on this device and will be sent again automatically.',
  },
};
