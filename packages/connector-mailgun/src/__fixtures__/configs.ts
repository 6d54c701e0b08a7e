/** A config in the official connector's shape (HTML and Mailgun-template deliveries). */
export const validConfig = {
  domain: 'mg.example.com',
  apiKey: 'key-3ax6xnjp29jd6fds4gc373sgvjxteol0',
  from: 'Example <no-reply@mg.example.com>',
  deliveries: {
    Generic: {
      subject: 'Your code {{code}}',
      html: '<p>Your code is <b>{{code}}</b>, {{user.name}}.</p>',
      text: 'Your code is {{code}}, {{user.name}}.',
      replyTo: 'support@example.com',
    },
    SignIn: {
      template: 'sign-in',
      variables: { product: 'Example' },
      subject: 'Sign in to {{application.name}}',
    },
  },
};
