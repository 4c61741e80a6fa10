import React from 'react';

interface Props {
  name: string;
}

/** Hello component. */
export function Hello({ name }: Props) {
  return <div className="x">Hello {name}</div>;
}

export const Bye = (props: Props) => {
  return <span>{props.name}</span>;
};

export class Counter extends React.Component<Props> {
  render() {
    return <b>{this.props.name}</b>;
  }
}
