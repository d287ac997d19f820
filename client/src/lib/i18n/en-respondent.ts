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
};
