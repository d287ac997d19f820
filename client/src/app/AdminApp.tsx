export default function AdminApp() {
  return <p>admin</p>;
}
